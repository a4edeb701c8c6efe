package io.airlock.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.domain.CatalogException;
import io.airlock.images.ImageReference;
import io.airlock.images.InvalidImageReferenceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * What nodes need to pull every upstream's images from this installation's registry, generated from the catalog: the
 * upstreams in use are the distinct upstream hosts of the {@code container-image} artifacts (the first component of
 * their name, {@code docker.io/library/nginx:1.25}, with {@code _port} read back as {@code :port}).
 *
 * <p>Each upstream gets a containerd {@code hosts.toml} (containerd's {@code certs.d} layout): {@code server} is the
 * upstream's own endpoint, and the one mirror host is the registry with {@code capabilities = ["pull", "resolve"]}.
 * containerd then asks the registry {@code /v2/<path>/...?ns=<upstream>}, which the registry resolves to the
 * upstream's full name (docs/adr/0080). Kubespray's {@code containerd_registries_mirrors} says the same in the shape
 * its containerd role renders into those files; Welkin's Trivy gets the same mapping as {@code trivy.scanner.registry
 * .mirror} ({@link #trivyMirrors()}).
 */
@ApplicationScoped
public class ContainerdConfigService {
    private static final Logger LOG = Logger.getLogger(ContainerdConfigService.class);

    /** A mirror may resolve tags and serve content; it never receives pushes. */
    public static final List<String> CAPABILITIES = List.of("pull", "resolve");

    /** Docker Hub's API endpoint: {@code docker.io} itself serves no registry API. */
    static final String DOCKER_HUB_SERVER = "https://registry-1.docker.io";

    /**
     * go-containerregistry, and so Trivy and trivy-operator, spell Docker Hub {@code index.docker.io} when they apply a
     * mirror map, which is why Welkin's own example lists both.
     */
    static final String DOCKER_HUB_GGCR = "index.docker.io";

    private static final Pattern PORT_SUFFIX = Pattern.compile("(.*)_([0-9]{1,5})");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    @Inject
    CatalogConfig config;

    @Inject
    EntityManager em;

    /** The upstream hosts of the container images the catalog holds, normalized and sorted. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> upstreamsInUse() {
        List<String> firstComponents = em.createNativeQuery("select distinct split_part(name, '/', 1) from artifact"
                        + " where kind = ?1 and position('/' in name) > 0")
                .setParameter(1, ArtifactKind.CONTAINER_IMAGE.id())
                .getResultList();
        TreeSet<String> upstreams = new TreeSet<>();
        for (String component : firstComponents) {
            upstreamOfRepository(component).ifPresent(upstreams::add);
        }
        return List.copyOf(upstreams);
    }

    /**
     * The upstream a repository's first component names ({@code localhost_5000} is {@code localhost:5000}); empty when
     * it is not a registry host (a repository pushed by hand outside the naming scheme).
     */
    static Optional<String> upstreamOfRepository(String component) {
        Matcher m = PORT_SUFFIX.matcher(component);
        String host = m.matches() ? m.group(1) + ":" + m.group(2) : component;
        try {
            return Optional.of(ImageReference.normalizeRegistry(host, component));
        } catch (InvalidImageReferenceException e) {
            LOG.debugf("container-image repository %s is not under an upstream host; no mirror entry", component);
            return Optional.empty();
        }
    }

    /**
     * An upstream as a request names it, normalized ({@code Quay.io} is {@code quay.io}; {@code index.docker.io} stays
     * itself, since containerd looks up the directory of the name it was given).
     *
     * @throws CatalogException 400 when it is not {@code host[:port]}
     */
    public String upstream(String requested) {
        try {
            String host = ImageReference.normalizeRegistry(requested, requested);
            // normalizeRegistry folds Docker Hub's aliases into docker.io; the file keeps the name it is asked for
            return isDockerHub(requested) ? requested.toLowerCase(java.util.Locale.ROOT) : host;
        } catch (InvalidImageReferenceException e) {
            throw CatalogException.badRequest("'" + requested + "' is not an upstream registry (host[:port], e.g."
                    + " docker.io, registry.k8s.io, quay.io): " + e.getMessage());
        }
    }

    private static boolean isDockerHub(String host) {
        return ImageReference.DOCKER_HUB.equals(ImageReference.normalizeRegistry(host, host));
    }

    /** The upstream's own API endpoint, {@code server} of its hosts.toml. */
    public static String server(String upstream) {
        return isDockerHub(upstream) ? DOCKER_HUB_SERVER : "https://" + upstream;
    }

    /** The registry's URL as nodes reach it: plain {@code http://} when the registry is configured insecure. */
    public String mirrorUrl() {
        CatalogConfig.Welkin w = config.welkin();
        return (w.registryInsecure() ? "http://" : "https://") + w.registryHost();
    }

    /** containerd's {@code <config_path>/<upstream>/hosts.toml} for {@code upstream} (normalized by {@link #upstream}). */
    public String hostsToml(String upstream) {
        CatalogConfig.Welkin w = config.welkin();
        StringBuilder t = new StringBuilder();
        t.append("# containerd registry configuration for ")
                .append(upstream)
                .append(", generated by the Airlock catalog.\n");
        t.append("# Place it at <config_path>/")
                .append(upstream)
                .append("/hosts.toml (e.g. /etc/containerd/certs.d). Images are pulled from Airlock's registry,\n");
        t.append("# which holds them under their upstream name; the upstream itself is tried only when the mirror\n");
        t.append("# does not have an image, and is unreachable in an air gap.\n");
        t.append("server = ").append(toml(server(upstream))).append("\n\n");
        t.append("[host.").append(toml(mirrorUrl())).append("]\n");
        t.append("  capabilities = [")
                .append(String.join(
                        ", ",
                        CAPABILITIES.stream().map(ContainerdConfigService::toml).toList()))
                .append("]\n");
        if (!w.registryInsecure()) {
            if (w.registrySkipVerify()) {
                t.append("  skip_verify = true\n");
            }
            w.registryCa().ifPresent(ca -> t.append("  ca = ").append(toml(ca)).append('\n'));
        }
        return t.toString();
    }

    /**
     * Kubespray's {@code containerd_registries_mirrors} (roles/container-engine/containerd), one entry per upstream in
     * use, as YAML to put in the inventory's group_vars.
     */
    public String kubespray() {
        CatalogConfig.Welkin w = config.welkin();
        List<String> upstreams = upstreamsInUse();
        ObjectNode root = JSON.objectNode();
        ArrayNode entries = root.putArray("containerd_registries_mirrors");
        for (String upstream : upstreams) {
            ObjectNode entry = entries.addObject();
            entry.put("prefix", upstream);
            entry.put("server", server(upstream));
            ObjectNode mirror = entry.putArray("mirrors").addObject();
            mirror.put("host", mirrorUrl());
            ArrayNode caps = mirror.putArray("capabilities");
            CAPABILITIES.forEach(caps::add);
            mirror.put("skip_verify", !w.registryInsecure() && w.registrySkipVerify());
            if (!w.registryInsecure()) {
                w.registryCa().ifPresent(ca -> mirror.putArray("ca").add(ca));
            }
        }
        StringBuilder y = new StringBuilder();
        y.append(
                "# Generated by the Airlock catalog: Kubespray's containerd mirrors, one entry per upstream registry\n");
        y.append("# of the container images Airlock holds. Put it in the inventory (group_vars/all/containerd.yml).\n");
        y.append("# pod_infra_image_repo needs no override: the pause image is pulled as registry.k8s.io/pause\n");
        y.append("# through the registry.k8s.io mirror entry, under its own name.\n");
        if (upstreams.isEmpty()) {
            y.append("# No container image is registered yet: import a bundle with images, then ask again.\n");
        }
        try {
            y.append(YAML.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and booleans always serializes", e);
        }
        return y.toString();
    }

    /**
     * Welkin's {@code trivy.scanner.registry.mirror}: every upstream in use mapped to the registry host followed by the
     * upstream's name in the registry ({@code docker.io} to {@code registry.air-gapped.internal/docker.io}). Trivy
     * replaces the upstream host of an image name with the mirror, so {@code docker.io/library/nginx} becomes the
     * repository the image is stored as. Docker Hub is listed as {@code index.docker.io} too.
     */
    public Map<String, String> trivyMirrors() {
        String registry = config.welkin().registryHost();
        Map<String, String> mirrors = new LinkedHashMap<>();
        for (String upstream : upstreamsInUse()) {
            String target = registry + "/" + repositoryPrefix(upstream);
            mirrors.put(upstream, target);
            if (upstream.equals(ImageReference.DOCKER_HUB)) {
                mirrors.put(DOCKER_HUB_GGCR, target);
            }
        }
        return mirrors;
    }

    /** The first component of the upstream's repositories in the registry: {@code localhost:5000} is {@code localhost_5000}. */
    static String repositoryPrefix(String upstream) {
        String repository = ImageReference.mirrorRepository(upstream, "x");
        return repository.substring(0, repository.length() - 2);
    }

    /** A TOML basic string. */
    static String toml(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
