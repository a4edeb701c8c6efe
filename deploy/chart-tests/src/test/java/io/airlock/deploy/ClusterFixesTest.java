package io.airlock.deploy;

import static io.airlock.deploy.RenderedManifestsTest.component;
import static io.airlock.deploy.RenderedManifestsTest.env;
import static io.airlock.deploy.RenderedManifestsTest.onlyContainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a real Welkin (Kubespray) cluster inside an air gap needs from the chart: DNS through node-local-dns, a private
 * CA trusted by every JVM, host names of Airlock's own, readiness that rides out a storage blip, a sized /tmp, and
 * images pinned by digest.
 */
class ClusterFixesTest {
    private static final String GENERAL_REGISTRY = "registry.air-gapped.internal";
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    static List<String> scenarios() {
        return Scenarios.names();
    }

    private static Chart.Rendered render(String name, Map<String, Object> sets) {
        Map<String, Object> all = new LinkedHashMap<>(Scenarios.allServicesSets());
        all.putAll(sets);
        return Chart.render(name, Optional.empty(), all);
    }

    /** The peers of the egress rule that opens port 53. */
    private static List<NetworkPolicyPeer> dnsPeers(NetworkPolicy policy) {
        NetworkPolicyEgressRule rule = policy.getSpec().getEgress().stream()
                .filter(r -> r.getPorts().stream()
                        .anyMatch(p -> Integer.valueOf(53).equals(p.getPort().getIntVal())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no DNS egress in " + policy.getMetadata().getName()));
        Set<String> protocols = new TreeSet<>();
        rule.getPorts().forEach(p -> protocols.add(p.getProtocol()));
        assertEquals(Set.of("TCP", "UDP"), protocols, "DNS over UDP and TCP");
        return rule.getTo();
    }

    private static boolean hasIpBlock(List<NetworkPolicyPeer> peers, String cidr) {
        return peers.stream()
                .anyMatch(p ->
                        p.getIpBlock() != null && cidr.equals(p.getIpBlock().getCidr()));
    }

    private static boolean hasKubeDns(List<NetworkPolicyPeer> peers) {
        return peers.stream()
                .anyMatch(p -> p.getPodSelector() != null
                        && "kube-dns".equals(p.getPodSelector().getMatchLabels().get("k8s-app")));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void dnsEgressReachesNodeLocalDnsAsWellAsKubeDns(String scenario) {
        List<NetworkPolicy> policies = Scenarios.get(scenario).all(NetworkPolicy.class);
        assertFalse(policies.isEmpty());
        for (NetworkPolicy policy : policies) {
            List<NetworkPolicyPeer> peers = dnsPeers(policy);
            assertTrue(hasKubeDns(peers), policy.getMetadata().getName() + " DNS peers " + peers);
            assertTrue(
                    hasIpBlock(peers, "169.254.20.10/32"), policy.getMetadata().getName() + " DNS peers " + peers);
        }
    }

    @Test
    void nodeLocalDnsAddressIsASettingAndCanBeTurnedOff() {
        Chart.Rendered moved = render("dns-moved", Map.of("networkPolicy.egress.dns.nodeLocalDns.ip", "169.254.25.10"));
        Chart.Rendered off = render("dns-off", Map.of("networkPolicy.egress.dns.nodeLocalDns.enabled", false));
        for (NetworkPolicy policy : moved.all(NetworkPolicy.class)) {
            List<NetworkPolicyPeer> peers = dnsPeers(policy);
            assertTrue(hasIpBlock(peers, "169.254.25.10/32"), "moved: " + peers);
            assertFalse(hasIpBlock(peers, "169.254.20.10/32"), "moved: " + peers);
        }
        for (NetworkPolicy policy : off.all(NetworkPolicy.class)) {
            List<NetworkPolicyPeer> peers = dnsPeers(policy);
            assertTrue(hasKubeDns(peers), "off: " + peers);
            assertTrue(peers.stream().allMatch(p -> p.getIpBlock() == null), "off: " + peers);
        }
    }

    /** The Welkin example trusts its ConfigMap; a Secret works the same way; every JVM gets the trust store. */
    @ParameterizedTest
    @MethodSource("caSources")
    void aPrivateCaIsTrustedByEveryServicesJvm(String source) {
        Chart.Rendered rendered = source.equals("configMap")
                ? Scenarios.get("welkin")
                : render("ca-secret", Map.of("caBundle.secret", "air-gap-ca", "caBundle.key", "bundle.pem"));
        List<Deployment> deployments = rendered.all(Deployment.class);
        assertEquals(4, deployments.size());
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container app = onlyContainer(deployment);
            assertEquals(1, pod.getInitContainers().size(), name + " init containers");
            Container init = pod.getInitContainers().get(0);
            assertEquals(app.getImage(), init.getImage(), name + ": the trust store is written by the service's image");
            assertEquals("java", init.getCommand().get(0));
            assertTrue(
                    init.getCommand().contains("io.airlock.storage.tls.TrustStoreWriter"),
                    init.getCommand().toString());
            String store =
                    init.getCommand().get(init.getCommand().indexOf("io.airlock.storage.tls.TrustStoreWriter") + 1);
            assertEquals(
                    imageWorkingDirectory() + "/lib/main/*",
                    init.getCommand().get(init.getCommand().indexOf("-cp") + 1),
                    name + ": the classpath is where the image build puts the service's jars");

            String opts = env(app, "JDK_JAVA_OPTIONS");
            assertTrue(opts.contains("-Djavax.net.ssl.trustStore=" + store), name + ": " + opts);
            assertTrue(opts.contains("-Djavax.net.ssl.trustStoreType=PKCS12"), name + ": " + opts);
            assertTrue(opts.contains("-XX:MaxRAMPercentage"), name + " keeps javaOpts: " + opts);

            Volume ca = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals("ca-bundle"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no CA volume"));
            if (source.equals("configMap")) {
                assertEquals("airlock-ca", ca.getConfigMap().getName());
                assertEquals("ca.crt", ca.getConfigMap().getItems().get(0).getKey());
            } else {
                assertEquals("air-gap-ca", ca.getSecret().getSecretName());
                assertEquals("bundle.pem", ca.getSecret().getItems().get(0).getKey());
            }
            // The init container reads the PEM where the volume is mounted and writes where the app reads.
            String pemDir = init.getCommand().get(init.getCommand().size() - 1);
            assertTrue(
                    init.getVolumeMounts().stream()
                            .anyMatch(m -> m.getName().equals("ca-bundle")
                                    && m.getMountPath().equals(pemDir)),
                    name + " init mounts");
            String trustDir = store.substring(0, store.lastIndexOf('/'));
            assertTrue(
                    app.getVolumeMounts().stream()
                            .anyMatch(m -> m.getMountPath().equals(trustDir)
                                    && Boolean.TRUE.equals(m.getReadOnly())
                                    && init.getVolumeMounts().stream()
                                            .anyMatch(i -> i.getName().equals(m.getName())
                                                    && i.getMountPath().equals(trustDir))),
                    name + ": the app reads the trust store the init container wrote");
        }
    }

    /** Where the images profile (root pom) puts the application in the image. */
    static String imageWorkingDirectory() {
        try {
            String pom = java.nio.file.Files.readString(Chart.repoDir().resolve("pom.xml"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "<quarkus.jib.working-directory>([^<]+)</quarkus.jib.working-directory>")
                    .matcher(pom);
            assertTrue(m.find(), "the root pom's images profile sets quarkus.jib.working-directory");
            return m.group(1).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> caSources() {
        return List.of("configMap", "secret");
    }

    @Test
    void withoutACaBundleNothingChanges() {
        for (Deployment deployment : Scenarios.get("all-services-chart-secrets").all(Deployment.class)) {
            assertTrue(deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getInitContainers()
                    .isEmpty());
            assertFalse(env(onlyContainer(deployment), "JDK_JAVA_OPTIONS").contains("trustStore"));
        }
    }

    @Test
    void aCaFromBothAConfigMapAndASecretIsRefused() {
        Exception e = assertThrows(
                Exception.class,
                () -> Chart.template(Optional.empty(), Map.of("caBundle.configMap", "a", "caBundle.secret", "b")));
        assertTrue(e.getMessage().toLowerCase().contains("schema"), e.getMessage());
    }

    /** Neither the defaults nor an example route Airlock under the platform's general registry's name. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void noHostClashesWithTheGeneralRegistry(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        Set<String> hosts = new TreeSet<>();
        rendered.all(Ingress.class).forEach(i -> i.getSpec().getRules().forEach(r -> hosts.add(r.getHost())));
        rendered.all(HTTPRoute.class).forEach(r -> hosts.addAll(r.getSpec().getHostnames()));
        for (Deployment deployment : rendered.all(Deployment.class)) {
            for (var e : onlyContainer(deployment).getEnv()) {
                if (e.getName().endsWith("_HOST") && e.getValue() != null) {
                    hosts.add(e.getValue());
                }
            }
        }
        assertFalse(hosts.contains(GENERAL_REGISTRY), scenario + " uses the general registry's name: " + hosts);
        Chart.Rendered ingress = scenario.equals("default") ? render("default-hosts", Map.of()) : rendered;
        assertTrue(
                ingress.all(Ingress.class).stream()
                                .flatMap(i -> i.getSpec().getRules().stream())
                                .anyMatch(r -> r.getHost().equals("airlock-registry.air-gapped.internal"))
                        || !ingress.all(HTTPRoute.class).isEmpty(),
                "Airlock's registry has a name of its own");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void readinessRidesOutAStorageBlipOnlyWithACache(String scenario) {
        for (Deployment deployment : Scenarios.get(scenario).all(Deployment.class)) {
            Container app = onlyContainer(deployment);
            assertEquals("true", env(app, "AIRLOCK_STORAGE_CACHE_ENABLED"));
            assertEquals(
                    "3m",
                    env(app, "AIRLOCK_STORAGE_CACHE_READINESS_GRACE"),
                    deployment.getMetadata().getName());
        }
        Chart.Rendered noCache = render("no-cache", Map.of("storage.cache.enabled", false));
        for (Deployment deployment : noCache.all(Deployment.class)) {
            assertTrue(onlyContainer(deployment).getEnv().stream()
                    .noneMatch(e -> e.getName().equals("AIRLOCK_STORAGE_CACHE_READINESS_GRACE")));
        }
    }

    @Test
    void theTmpVolumeSizeIsAValue() {
        assertEquals("512Mi", tmpSize(Scenarios.get("default")).get(0));
        assertEquals(
                List.of("2Gi"),
                tmpSize(Scenarios.get("welkin")).stream().distinct().toList());
        assertEquals(
                List.of("6Gi"),
                tmpSize(render("tmp-6gi", Map.of("tmp.sizeLimit", "6Gi"))).stream()
                        .distinct()
                        .toList());
        assertThrows(Exception.class, () -> Chart.template(Optional.empty(), Map.of("tmp.sizeLimit", "lots")));
    }

    private static List<String> tmpSize(Chart.Rendered rendered) {
        return rendered.all(Deployment.class).stream()
                .map(d -> d.getSpec().getTemplate().getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals("tmp"))
                        .findFirst()
                        .orElseThrow()
                        .getEmptyDir()
                        .getSizeLimit()
                        .toString())
                .toList();
    }

    @Test
    void aDigestWinsOverTheTag() {
        Chart.Rendered pinned = render(
                "pinned",
                Map.of(
                        "image.tag",
                        "1.2.3",
                        "fileserver.image.digest",
                        DIGEST,
                        "catalog.image.digest",
                        DIGEST,
                        "catalog.image.repository",
                        "harbor.example/airlock/catalog"));
        for (Deployment deployment : pinned.all(Deployment.class)) {
            String image = onlyContainer(deployment).getImage();
            String module = component(deployment).module();
            switch (component(deployment).component()) {
                case "fileserver" -> assertEquals(GENERAL_REGISTRY + "/airlock/" + module + ":1.2.3@" + DIGEST, image);
                case "catalog" -> assertEquals("harbor.example/airlock/catalog:1.2.3@" + DIGEST, image);
                default -> assertEquals(GENERAL_REGISTRY + "/airlock/" + module + ":1.2.3", image, "no digest set");
            }
        }
        Exception e = assertThrows(
                Exception.class,
                () -> Chart.template(Optional.empty(), Map.of("fileserver.image.digest", "sha256:abc")));
        assertTrue(e.getMessage().toLowerCase().contains("schema"), e.getMessage());
        assertNotNull(pinned.named(Deployment.class, "airlock-fileserver").orElse(null));
    }
}
