package io.airlock.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest the chart renders, for each scenario of {@link Scenarios}, parsed as a Kubernetes object and checked
 * against what the services really do: their ports, their health and metrics paths, and the restricted pod security
 * standard.
 */
class RenderedManifestsTest {

    static List<String> scenarios() {
        return Scenarios.names();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyManifestIsATypedKubernetesObject(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        assertFalse(rendered.objects().isEmpty(), "nothing rendered");
        for (HasMetadata object : rendered.objects()) {
            assertFalse(
                    object instanceof GenericKubernetesResource,
                    () -> "not a known Kubernetes kind: " + object.getApiVersion() + " " + object.getKind());
            assertNotNull(object.getMetadata().getName(), () -> object.getKind() + " without a name");
            assertEquals(
                    "airlock",
                    object.getMetadata().getLabels().get("app.kubernetes.io/part-of"),
                    () -> object.getKind() + " " + object.getMetadata().getName() + " lacks the common labels");
        }
        Set<String> names = new TreeSet<>();
        for (HasMetadata object : rendered.objects()) {
            assertTrue(
                    names.add(object.getKind() + "/" + object.getMetadata().getName()),
                    () -> "rendered twice: " + object.getKind() + "/"
                            + object.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theExpectedServicesRunAsDeploymentPlusService(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        Set<String> deployed = rendered.all(Deployment.class).stream()
                .map(d -> d.getMetadata().getLabels().get("app.kubernetes.io/component"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Scenarios.expectedComponents(scenario)), deployed);
        for (String component : deployed) {
            Services svc = Services.byComponent(component);
            assertTrue(rendered.named(Service.class, svc.objectName()).isPresent(), "no Service " + svc.objectName());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void containerAndServicePortsAreTheServicesOwn(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Services svc = component(deployment);
            Container container = onlyContainer(deployment);
            ContainerPort http = httpPort(container);
            assertEquals(svc.port(), http.getContainerPort(), svc.component() + " container port");
            assertEquals(String.valueOf(svc.port()), env(container, "QUARKUS_HTTP_PORT"), "QUARKUS_HTTP_PORT");

            Service service = rendered.named(Service.class, svc.objectName()).orElseThrow();
            ServicePort port = service.getSpec().getPorts().get(0);
            assertEquals(svc.port(), port.getPort(), svc.component() + " Service port");
            assertEquals(svc.port(), resolve(port.getTargetPort(), container), "Service targetPort");
            assertEquals(
                    deployment.getSpec().getSelector().getMatchLabels(),
                    service.getSpec().getSelector(),
                    "Service selects the Deployment's pods");
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void probesPointAtTheRealHealthEndpoints(String scenario) {
        for (Deployment deployment : Scenarios.get(scenario).all(Deployment.class)) {
            Container container = onlyContainer(deployment);
            int port = httpPort(container).getContainerPort();
            assertHttpProbe(container.getLivenessProbe(), Services.LIVE, port, container);
            assertHttpProbe(container.getReadinessProbe(), Services.READY, port, container);
            assertHttpProbe(container.getStartupProbe(), Services.LIVE, port, container);
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void podsMeetTheRestrictedSecurityStandard(String scenario) {
        for (Deployment deployment : Scenarios.get(scenario).all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertEquals(Boolean.TRUE, podContext.getRunAsNonRoot(), name + " runAsNonRoot");
            assertTrue(podContext.getRunAsUser() != null && podContext.getRunAsUser() > 0, name + " runAsUser");
            assertEquals("RuntimeDefault", podContext.getSeccompProfile().getType(), name + " seccomp");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + " mounts an API token");
            assertTrue(pod.getHostNetwork() == null || !pod.getHostNetwork(), name + " hostNetwork");

            List<Container> all = new ArrayList<>(pod.getContainers());
            all.addAll(pod.getInitContainers());
            for (Container container : all) {
                SecurityContext sc = container.getSecurityContext();
                assertNotNull(sc, name + " has no container securityContext");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), name + " allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), name + " readOnlyRootFilesystem");
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), name + " drops ALL capabilities");
                assertTrue(
                        sc.getCapabilities().getAdd() == null
                                || sc.getCapabilities().getAdd().isEmpty(),
                        name + " adds capabilities");
                assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), name + " privileged");

                // A read-only root needs somewhere to write: /tmp from an emptyDir (an init container writes only to
                // its own emptyDir).
                if (pod.getInitContainers().contains(container)) {
                    assertTrue(
                            container.getVolumeMounts().stream().anyMatch(m -> !Boolean.TRUE.equals(m.getReadOnly())),
                            name + " init container has nowhere to write");
                    continue;
                }
                VolumeMount tmp = container.getVolumeMounts().stream()
                        .filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + " has no /tmp mount"));
                Volume volume = pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(tmp.getName()))
                        .findFirst()
                        .orElseThrow();
                assertNotNull(volume.getEmptyDir(), name + " /tmp is not an emptyDir");
                for (VolumeMount mount : container.getVolumeMounts()) {
                    Volume v = pod.getVolumes().stream()
                            .filter(x -> x.getName().equals(mount.getName()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(name + " mounts unknown volume " + mount.getName()));
                    // Writable space is an emptyDir; the only other thing mounted is the CA bundle, read-only.
                    boolean readOnlyCa = (v.getConfigMap() != null || v.getSecret() != null)
                            && Boolean.TRUE.equals(mount.getReadOnly());
                    assertTrue(
                            v.getEmptyDir() != null || readOnlyCa,
                            name + " mounts something other than an emptyDir or a read-only CA bundle");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyDeploymentHasAPodDisruptionBudget(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            boolean covered = rendered.all(PodDisruptionBudget.class).stream().anyMatch(pdb -> podLabels
                    .entrySet()
                    .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
            assertTrue(
                    covered,
                    "no PodDisruptionBudget selects " + deployment.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void objectStorageAndCredentialsComeFromValuesAndSecrets(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Container container = onlyContainer(deployment);
            assertEquals("s3", env(container, "AIRLOCK_STORAGE_BACKEND"));
            assertTrue(env(container, "AIRLOCK_STORAGE_S3_ENDPOINT").matches("https?://.+"), "S3 endpoint");
            assertFalse(env(container, "AIRLOCK_STORAGE_S3_BUCKET").isBlank(), "bucket");
            List<String> fromSecrets = List.of(
                    "AIRLOCK_STORAGE_S3_ACCESS_KEY", "AIRLOCK_STORAGE_S3_SECRET_KEY", "AIRLOCK_ADMIN_PASSWORD_HASH");
            for (String name : fromSecrets) {
                EnvVar var = envVar(container, name);
                assertNull(var.getValue(), name + " must not be a literal");
                assertNotNull(var.getValueFrom().getSecretKeyRef(), name + " must come from a Secret");
            }
            if (component(deployment).component().equals("catalog")) {
                for (String name : List.of(
                        "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                    assertNotNull(envVar(container, name).getValueFrom().getSecretKeyRef(), name);
                }
                assertTrue(env(container, "AIRLOCK_CATALOG_ALERTMANAGER_URLS").startsWith("http"), "Alertmanager URLs");
                assertEquals("false", env(container, "AIRLOCK_CATALOG_EMBEDDED_DATABASE_ENABLED"));
                // The Welkin snippets' inputs: the driver spelling always, the file server's IPs and the service
                // clusters as comma-separated lists when set.
                assertEquals("kmod", env(container, "AIRLOCK_CATALOG_WELKIN_DRIVER_KIND"));
                assertFalse(env(container, "AIRLOCK_CATALOG_WELKIN_FALCO_REGISTRY_HOST")
                        .isBlank());
                if (scenario.equals("all-services-chart-secrets")) {
                    assertEquals("10.20.0.5,10.20.0.6/32", env(container, "AIRLOCK_CATALOG_WELKIN_FILESERVER_IPS"));
                    assertEquals("sc-prod", env(container, "AIRLOCK_CATALOG_WELKIN_SERVICE_CLUSTERS"));
                }
            }
            if (component(deployment).component().equals("trivydb")) {
                assertNotNull(envVar(container, "AIRLOCK_TRIVYDB_TOKEN_SIGNING_KEY")
                        .getValueFrom()
                        .getSecretKeyRef());
            }
            // A Secret the chart created must hold the key the pod asks for.
            for (EnvVar var : container.getEnv()) {
                if (var.getValueFrom() == null || var.getValueFrom().getSecretKeyRef() == null) {
                    continue;
                }
                var ref = var.getValueFrom().getSecretKeyRef();
                rendered.named(Secret.class, ref.getName()).ifPresent(secret -> {
                    boolean optional = Boolean.TRUE.equals(ref.getOptional());
                    assertTrue(
                            optional || secret.getStringData().containsKey(ref.getKey()),
                            () -> "Secret " + ref.getName() + " lacks " + ref.getKey() + " for " + var.getName());
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void networkPoliciesOpenExactlyTheServicePorts(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Services svc = component(deployment);
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            NetworkPolicy policy = rendered.named(NetworkPolicy.class, svc.objectName())
                    .orElseThrow(() -> new AssertionError("no NetworkPolicy for " + svc.objectName()));
            assertTrue(
                    podLabels
                            .entrySet()
                            .containsAll(policy.getSpec()
                                    .getPodSelector()
                                    .getMatchLabels()
                                    .entrySet()),
                    "NetworkPolicy selects the pods");
            assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());

            Service service = rendered.named(Service.class, svc.objectName()).orElseThrow();
            int targetPort = resolve(service.getSpec().getPorts().get(0).getTargetPort(), onlyContainer(deployment));
            assertFalse(policy.getSpec().getIngress().isEmpty(), "no ingress allowed at all");
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), "an ingress rule open to all");
                List<Integer> ports = rule.getPorts().stream()
                        .map(NetworkPolicyPort::getPort)
                        .map(p -> resolve(p, onlyContainer(deployment)))
                        .toList();
                assertEquals(List.of(targetPort), ports, svc.component() + " ingress ports");
            }
            boolean dns = false;
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
                assertFalse(rule.getTo() == null || rule.getTo().isEmpty(), "an egress rule open to all");
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), "an egress rule to any port");
                dns |= rule.getPorts().stream()
                        .anyMatch(p ->
                                p.getPort().getIntVal() != null && p.getPort().getIntVal() == 53);
            }
            assertTrue(dns, "no DNS egress");
            // Services that notify the catalog may reach exactly its port.
            if (!svc.component().equals("catalog")
                    && rendered.named(
                                    Deployment.class,
                                    Services.byComponent("catalog").objectName())
                            .isPresent()) {
                int catalogPort = Services.byComponent("catalog").port();
                assertTrue(
                        policy.getSpec().getEgress().stream().anyMatch(r -> r.getPorts().stream()
                                .anyMatch(p -> Objects.equals(p.getPort().getIntVal(), catalogPort))),
                        "no egress to the catalog");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void routesReachRealServicePorts(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                        IngressServiceBackend backend = path.getBackend().getService();
                        Service service = rendered.named(Service.class, backend.getName())
                                .orElseThrow(
                                        () -> new AssertionError("Ingress to unknown Service " + backend.getName()));
                        assertEquals(
                                service.getSpec().getPorts().get(0).getPort(),
                                backend.getPort().getNumber(),
                                "Ingress port for " + rule.getHost());
                    }));
        }
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            assertFalse(route.getSpec().getParentRefs().isEmpty(), "HTTPRoute without a Gateway");
            route.getSpec().getRules().forEach(rule -> {
                for (HTTPBackendRef ref : rule.getBackendRefs()) {
                    Service service = rendered.named(Service.class, ref.getName())
                            .orElseThrow(() -> new AssertionError("HTTPRoute to unknown Service " + ref.getName()));
                    assertEquals(service.getSpec().getPorts().get(0).getPort(), ref.getPort());
                }
            });
        }
        if (scenario.equals("welkin") || scenario.equals("all-services-chart-secrets")) {
            Set<String> hosts = rendered.all(Ingress.class).stream()
                    .flatMap(i -> i.getSpec().getRules().stream())
                    .map(r -> r.getHost())
                    .collect(Collectors.toSet());
            assertTrue(hosts.contains("fileserver.air-gapped.internal"), "file server host: " + hosts);
            assertTrue(hosts.contains("airlock-registry.air-gapped.internal"), "registry host: " + hosts);
        }
        if (scenario.equals("production")) {
            assertEquals(4, rendered.all(HTTPRoute.class).size(), "one HTTPRoute per service");
        }
    }

    /** The registry hosts written into tokens and the falcoctl index are the hosts the Ingress/HTTPRoutes serve. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void hostsTheServicesAdvertiseAreRouted(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        Map<String, Set<String>> routed = new java.util.HashMap<>();
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp().getPaths().forEach(path -> routed.computeIfAbsent(
                                    path.getBackend().getService().getName(), k -> new TreeSet<>())
                            .add(rule.getHost())));
        }
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            route.getSpec().getRules().forEach(rule -> rule.getBackendRefs()
                    .forEach(ref -> routed.computeIfAbsent(ref.getName(), k -> new TreeSet<>())
                            .addAll(route.getSpec().getHostnames())));
        }
        if (routed.isEmpty()) {
            return; // no Ingress or Gateway in this scenario: the Services are reached some other way
        }
        Map<String, String> advertised = Map.of(
                "trivydb", "AIRLOCK_TRIVYDB_PUBLIC_HOST",
                "falco-index", "AIRLOCK_FALCO_REGISTRY_HOST");
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Services svc = component(deployment);
            String variable = advertised.get(svc.component());
            if (variable == null) {
                continue;
            }
            String host = env(onlyContainer(deployment), variable);
            assertTrue(
                    routed.getOrDefault(svc.objectName(), Set.of()).contains(host),
                    svc.component() + " advertises " + host + " but is routed at " + routed.get(svc.objectName()));
        }
        for (Deployment deployment : rendered.all(Deployment.class)) {
            Services svc = component(deployment);
            assertTrue(
                    onlyContainer(deployment).getImage().contains("/" + svc.module() + ":"),
                    svc.component() + " runs image " + onlyContainer(deployment).getImage());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void monitoringScrapesMetricsAndShipsTheRulesAndDashboard(String scenario) throws Exception {
        Chart.Rendered rendered = Scenarios.get(scenario);
        ServiceMonitor monitor = rendered.all(ServiceMonitor.class).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ServiceMonitor"));
        assertEquals(Services.METRICS, monitor.getSpec().getEndpoints().get(0).getPath());
        assertEquals("http", monitor.getSpec().getEndpoints().get(0).getPort());
        String jobLabel = monitor.getSpec().getJobLabel();
        for (Service service : rendered.all(Service.class)) {
            Map<String, String> labels = service.getMetadata().getLabels();
            assertTrue(
                    labels.entrySet()
                            .containsAll(monitor.getSpec()
                                    .getSelector()
                                    .getMatchLabels()
                                    .entrySet()),
                    "ServiceMonitor misses " + service.getMetadata().getName());
            String component = labels.get("app.kubernetes.io/component");
            assertEquals("airlock-" + component, labels.get(jobLabel), "job label the rules select on");
            assertEquals("http", service.getSpec().getPorts().get(0).getName());
        }

        PrometheusRule rule = rendered.all(PrometheusRule.class).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PrometheusRule"));
        // The rendered rules are the promtool-tested file, unchanged, less the group of alerts the catalog pushes
        // itself
        // when it has an Alertmanager (AlertNamesTest).
        JsonNode file = Chart.YAML.readTree(
                Chart.chartDir().resolve("files/prometheus-rules.yaml").toFile());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> expectedGroups = new ArrayList<>();
        boolean catalogPushes = rendered.all(Deployment.class).stream()
                .filter(d -> component(d).component().equals("catalog"))
                .anyMatch(d -> onlyContainer(d).getEnv().stream()
                        .anyMatch(e -> e.getName().equals("AIRLOCK_CATALOG_ALERTMANAGER_URLS")));
        file.get("groups").forEach(g -> {
            if (!(catalogPushes && g.get("name").asText().equals(AlertNamesTest.FROM_METRICS_GROUP))) {
                expectedGroups.add(g);
            }
        });
        assertEquals(
                json.valueToTree(expectedGroups),
                json.valueToTree(rule.getSpec().getGroups()),
                "rules differ from the file");
        List<String> alerts = new ArrayList<>();
        for (RuleGroup group : rule.getSpec().getGroups()) {
            for (Rule r : group.getRules()) {
                alerts.add(r.getAlert());
                assertFalse(r.getExpr().getStrVal().isBlank(), r.getAlert() + " has no expression");
            }
        }
        // AirlockArtifactStaleFromMetrics and AirlockCoverageGapFromMetrics: AlertNamesTest, by scenario.
        assertTrue(
                alerts.containsAll(List.of(
                        "AirlockArtifactExpiringSoon",
                        "AirlockTrivyDbNextUpdatePassed",
                        "AirlockTargetDown",
                        "AirlockHighErrorRatio",
                        "AirlockHighLatencyP99",
                        "AirlockObjectStorageUnreachable")),
                "alerts: " + alerts);
        // kernel coverage has one owner: a missing driver is the catalog's falco-driver coverage gap, no second alert
        assertFalse(alerts.contains("AirlockFalcoDriverMissing"), "alerts: " + alerts);

        var dashboard = rendered.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getData() != null && c.getData().containsKey("airlock.json"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard ConfigMap"));
        JsonNode board = json.readTree(dashboard.getData().get("airlock.json"));
        assertEquals("Airlock", board.get("title").asText());
        assertTrue(board.get("panels").size() > 5, "dashboard panels");
        assertTrue(
                Files.readString(Chart.chartDir().resolve("files/grafana-dashboard.json"))
                        .contains("airlock_artifact_stale"),
                "dashboard shows freshness");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void autoscalersTargetRenderedDeployments(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        for (HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class)) {
            String target = hpa.getSpec().getScaleTargetRef().getName();
            Deployment deployment = rendered.named(Deployment.class, target)
                    .orElseThrow(() -> new AssertionError("HPA for unknown Deployment " + target));
            assertNull(deployment.getSpec().getReplicas(), target + " sets replicas although an HPA scales it");
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, target + " HPA minReplicas");
        }
    }

    private static void assertNull(Object value, String message) {
        if (value != null) {
            fail(message + ": " + value);
        }
    }

    static Services component(Deployment deployment) {
        return Services.byComponent(deployment.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers =
                deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName() + " containers");
        return containers.get(0);
    }

    private static ContainerPort httpPort(Container container) {
        return container.getPorts().stream()
                .filter(p -> "http".equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no http port"));
    }

    /** A port given by number or by the container port's name. */
    private static int resolve(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    private static void assertHttpProbe(Probe probe, String path, int port, Container container) {
        assertNotNull(probe, container.getName() + " lacks a probe for " + path);
        assertNotNull(probe.getHttpGet(), container.getName() + " probe is not HTTP");
        assertEquals(path, probe.getHttpGet().getPath(), container.getName() + " probe path");
        assertEquals(port, resolve(probe.getHttpGet().getPort(), container), container.getName() + " probe port");
    }

    static EnvVar envVar(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " lacks env " + name));
    }

    static String env(Container container, String name) {
        String value = envVar(container, name).getValue();
        assertNotNull(value, name + " is not a literal value");
        return value;
    }
}
