package io.airlock.cli.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.airlock.cli.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bundle.yaml}: what a bundle should carry and where to fetch it. Every upstream URL has a public default and
 * can be pointed at a mirror (or, in tests, at loopback stand-ins). Example in docs/bundles.md.
 *
 * @param name bundle name; defaults to the output file name without {@code .tar}
 * @param trivy Trivy databases and checks from an OCI registry
 * @param oci other OCI artifacts, each with its kind
 * @param falco Falco driver files from the driver download site, plugins and rulesfiles from the artifact registry
 * @param opensearch OpenSearch plugin zips by OpenSearch version
 * @param files plain files by URL
 * @param images container images, carried digest-exact into the registry under their upstream names
 */
public record BundleSpec(
        String name, Trivy trivy, List<Oci> oci, Falco falco, OpenSearch opensearch, List<File> files, Images images) {
    public static final String DEFAULT_TRIVY_REGISTRY = "https://ghcr.io";
    public static final String DEFAULT_FALCO_REGISTRY = "https://ghcr.io";
    public static final String DEFAULT_DRIVERS_URL = "https://download.falco.org/driver";
    public static final String DEFAULT_OPENSEARCH_URL = "https://artifacts.opensearch.org/releases/plugins";
    /** Where Falco publishes its plugins: {@code ghcr.io/falcosecurity/plugins/plugin/<name>}. */
    public static final String FALCO_PLUGIN_REPOSITORY = "falcosecurity/plugins/plugin/";
    /** Where Falco publishes its own rulesfiles: {@code ghcr.io/falcosecurity/rules/<name>}. */
    public static final String FALCO_RULESFILE_REPOSITORY = "falcosecurity/rules/";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BundleSpec {
        oci = oci == null ? List.of() : List.copyOf(oci);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A spec without images. */
    public BundleSpec(String name, Trivy trivy, List<Oci> oci, Falco falco, OpenSearch opensearch, List<File> files) {
        this(name, trivy, oci, falco, opensearch, files, null);
    }

    public static BundleSpec read(Path file) {
        try {
            BundleSpec spec = YAML.readValue(file.toFile(), BundleSpec.class);
            if (spec == null) {
                throw CliException.usage("spec " + file + " is empty", "See docs/bundles.md for an example");
            }
            return spec;
        } catch (IOException e) {
            throw CliException.usage(
                    "spec " + file + " cannot be read: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    "See docs/bundles.md for the format");
        }
    }

    /**
     * @param registry base URL of the upstream registry (default {@value #DEFAULT_TRIVY_REGISTRY})
     * @param artifacts repositories and tags, e.g. {@code aquasecurity/trivy-db} with tags {@code [2]}
     */
    public record Trivy(String registry, List<Oci> artifacts) {
        public Trivy {
            artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        }
    }

    /**
     * @param registry base URL of the upstream registry (defaults per section)
     * @param repository upstream repository
     * @param tags tags to carry
     * @param kind catalog kind; for Trivy entries derived from the repository name
     * @param destination repository inside the air gap; defaults to {@code repository}
     */
    public record Oci(String registry, String repository, List<String> tags, String kind, String destination) {
        public Oci {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /**
     * @param driversUrl base URL of the driver site (default {@value #DEFAULT_DRIVERS_URL})
     * @param drivers driver versions with their arch and kernels
     * @param registry base URL of the Falco artifact registry for {@code plugins} and {@code rulesfiles} (default
     *     {@value #DEFAULT_FALCO_REGISTRY})
     * @param plugins Falco plugins (multi-platform image indexes upstream), by name or repository
     * @param rulesfiles Falco rulesfiles, by name or repository
     */
    public record Falco(
            String driversUrl,
            List<Driver> drivers,
            String registry,
            List<FalcoArtifact> plugins,
            List<FalcoArtifact> rulesfiles) {
        public Falco {
            drivers = drivers == null ? List.of() : List.copyOf(drivers);
            plugins = plugins == null ? List.of() : List.copyOf(plugins);
            rulesfiles = rulesfiles == null ? List.of() : List.copyOf(rulesfiles);
        }
    }

    /**
     * A Falco plugin or rulesfile in an OCI registry, as falcoctl pulls it.
     *
     * @param name e.g. {@code k8saudit}; names the repository when {@code repository} is absent:
     *     {@value #FALCO_PLUGIN_REPOSITORY}{@code <name>} for a plugin, {@value #FALCO_RULESFILE_REPOSITORY}{@code <name>}
     *     for a rulesfile
     * @param repository the upstream repository, e.g. {@code falcosecurity/plugins/ruleset/k8saudit}
     * @param tags tags to carry, e.g. {@code ["0.7.0"]}
     * @param registry this artifact's upstream registry, overriding {@code falco.registry}
     * @param destination repository inside the air gap; defaults to the upstream repository
     */
    public record FalcoArtifact(
            String name, String repository, List<String> tags, String registry, String destination) {
        public FalcoArtifact {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /**
     * @param version driver version, e.g. {@code 8.1.0+driver}
     * @param arch {@code x86_64} or {@code aarch64}
     * @param name driver name, default {@code falco}
     * @param kernels the kernels to fetch a module for
     */
    public record Driver(String version, String arch, String name, List<Kernel> kernels) {
        public Driver {
            kernels = kernels == null ? List.of() : List.copyOf(kernels);
        }
    }

    /**
     * One kernel as Falco's driver loader names it.
     *
     * @param target e.g. {@code ubuntu-generic}
     * @param release e.g. {@code 6.8.0-79-generic}
     * @param version e.g. {@code 79}
     * @param probe {@code module} (default, {@code .ko}) or {@code ebpf} ({@code .o})
     */
    public record Kernel(String target, String release, String version, String probe) {}

    /**
     * @param pluginsUrl base URL; a plugin is fetched from {@code <pluginsUrl>/<plugin>/<version>/<plugin>-<version>.zip}
     * @param versions OpenSearch versions
     * @param plugins plugin names, e.g. {@code repository-s3}
     */
    public record OpenSearch(String pluginsUrl, List<String> versions, List<String> plugins) {
        public OpenSearch {
            versions = versions == null ? List.of() : List.copyOf(versions);
            plugins = plugins == null ? List.of() : List.copyOf(plugins);
        }
    }

    /**
     * @param url where to fetch it
     * @param path file server path inside the air gap (decoded, no leading slash)
     * @param kind catalog kind, default {@code file}
     */
    public record File(String url, String path, String kind) {}

    /**
     * Container images to carry. Each reference is normalized as containerd reads it ({@code nginx} is
     * {@code docker.io/library/nginx:latest}) and fetched from its upstream registry by the OCI API.
     *
     * @param references image references, e.g. {@code nginx:1.25}, {@code registry.k8s.io/pause:3.9},
     *     {@code quay.io/x/y@sha256:...}
     * @param files lists of references, one a line, {@code #} comments (what {@code airlock images inventory --format
     *     list} prints); a relative path is read beside the spec
     * @param registries per upstream host, the base URL to fetch from instead (a connected-side mirror), e.g.
     *     {@code docker.io: https://mirror.example}; by default Docker Hub is {@code https://registry-1.docker.io} and
     *     any other host {@code https://<host>}
     * @param platforms carry only these platforms of a multi-platform image ({@code linux/amd64}, {@code linux/arm64/v8});
     *     empty: carry the whole index
     */
    public record Images(
            List<String> references,
            List<String> files,
            java.util.Map<String, String> registries,
            List<String> platforms) {
        public Images {
            references = references == null ? List.of() : List.copyOf(references);
            files = files == null ? List.of() : List.copyOf(files);
            registries = registries == null ? java.util.Map.of() : java.util.Map.copyOf(registries);
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
        }
    }
}
