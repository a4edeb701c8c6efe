package io.airlock.catalog.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.domain.CatalogException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders what an operator merges into Welkin's {@code common-config.yaml} and {@code sc-config.yaml} so that Falco,
 * Trivy, Harbor and OpenSearch pull from this installation. The documents are built as trees with every key at the path
 * and of the type Welkin's config schema ({@code config/schemas/config.yaml} of compliantkubernetes-apps) gives it;
 * docs/operator-guide.md names the Welkin version they were checked against. Nothing goes into {@code wc-config.yaml}:
 * Falco and Trivy run in both clusters and are configured in the common file.
 *
 * <p>A value Airlock cannot know (the file server's IP addresses, the registry's pull Secret) is written as Welkin's own
 * placeholder {@code set-me}, with a note saying which catalog setting fills it in; a key is never left out silently.
 */
@ApplicationScoped
public class WelkinConfigService {
    public static final String COMMON = "common-config.yaml";
    public static final String SC = "sc-config.yaml";
    public static final String WC = "wc-config.yaml";
    /** Welkin's placeholder for a value the operator must supply; Welkin's validation flags it until it is replaced. */
    static final String SET_ME = "set-me";

    /** Falco's modern eBPF probe is built into Falco and needs kernel 5.8 or later (BPF ring buffer, BTF). */
    static final int[] MODERN_EBPF_KERNEL = {5, 8};

    private static final Pattern KERNEL = Pattern.compile("(\\d+)\\.(\\d+).*");
    /** Welkin's {@code iplist} items: an address with a netmask. */
    private static final Pattern CIDR = Pattern.compile("[0-9a-f.:]{2,45}/[0-9]{1,3}");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    @Inject
    CatalogConfig config;

    @Inject
    OpenSearchVersions opensearch;

    @Inject
    CoverageService coverage;

    @Inject
    ContainerdConfigService containerd;

    /**
     * The documents, optionally only those of one file and (for {@code sc-config.yaml}) one service cluster.
     *
     * @param driverKind {@code kmod} or {@code module} (Welkin before v0.37); null: the configured spelling
     * @throws CatalogException 400 for an unknown driver kind, 404 for a file or cluster there is nothing for
     */
    @Transactional
    public WelkinSnippets snippets(String driverKind, String file, String cluster) {
        CatalogConfig.Welkin w = config.welkin();
        String kind = driverKind(driverKind);
        String fileserver = w.fileserverUrl().replaceAll("/+$", "");
        List<String> ipNotes = new ArrayList<>();
        List<String> ips = fileserverIps(ipNotes);

        List<WelkinSnippets.Document> documents = new ArrayList<>();
        documents.add(common(w, kind, fileserver, ips, ipNotes));
        documents.addAll(serviceClusters(w, fileserver, ips, ipNotes));
        List<WelkinSnippets.Alternative> alternatives = modernEbpf().stream().toList();

        if (file == null) {
            if (cluster != null) {
                throw CatalogException.badRequest("cluster selects an sc-config.yaml: ask for /api/v1/config/welkin/"
                        + SC + "?cluster=" + cluster);
            }
            return new WelkinSnippets(documents, alternatives);
        }
        if (file.equals(WC)) {
            throw CatalogException.notFound("Airlock sets nothing in " + WC
                    + ": Falco and Trivy run in both clusters and are configured in " + COMMON);
        }
        if (!file.equals(COMMON) && !file.equals(SC)) {
            throw CatalogException.notFound("no Welkin config file '" + file + "': ask for " + COMMON + " or " + SC);
        }
        List<WelkinSnippets.Document> selected = documents.stream()
                .filter(d -> d.file().equals(file))
                .filter(d -> cluster == null || cluster.equals(d.cluster()))
                .toList();
        if (selected.isEmpty()) {
            throw CatalogException.notFound("no " + file + " for service cluster '" + cluster
                    + "': declare it with PUT /api/v1/coverage/opensearch-versions");
        }
        return new WelkinSnippets(
                selected,
                alternatives.stream().filter(a -> a.file().equals(file)).toList());
    }

    /** The documents as one YAML stream, each headed by a comment naming its file; alternatives commented out. */
    public String yaml(WelkinSnippets snippets) {
        StringBuilder y = new StringBuilder();
        y.append(
                "# Generated by the Airlock catalog for this installation. Merge each document into the Welkin config\n");
        y.append("# file it names (docs/operator-guide.md shows how, with yq). Replace every set-me.\n");
        for (WelkinSnippets.Document d : snippets.documents()) {
            y.append("---\n# ").append(d.file());
            if (d.cluster() != null) {
                y.append(" of service cluster ").append(d.cluster());
            }
            y.append('\n');
            d.notes().forEach(n -> y.append("# ").append(n).append('\n'));
            y.append(write(d.config()));
            for (WelkinSnippets.Alternative a : snippets.alternatives()) {
                if (a.file().equals(d.file())) {
                    y.append("# Alternative for ")
                            .append(a.file())
                            .append(": ")
                            .append(a.reason())
                            .append('\n');
                    write(a.config())
                            .lines()
                            .forEach(l -> y.append("#   ").append(l).append('\n'));
                }
            }
        }
        return y.toString();
    }

    private WelkinSnippets.Document common(
            CatalogConfig.Welkin w, String kind, String fileserver, List<String> ips, List<String> ipNotes) {
        List<String> notes = new ArrayList<>();
        ObjectNode root = JSON.objectNode();

        ObjectNode falco = root.putObject("falco");
        falco.putObject("artifact").putObject("install").put("enabled", true);
        falco.putArray("customIndexes")
                .addObject()
                .put("name", "airlock")
                .put("url", fileserver + "/" + w.falcoctlIndexPath());
        ObjectNode driver = falco.putObject("driver");
        driver.put("kind", kind);
        // falco-driver-loader fetches <repoURL>/<driver version>/<arch>/falco_<target>_<kernel>.ko
        driver.putObject("module")
                .put("repoURL", w.driverPath().map(p -> fileserver + "/" + p).orElse(fileserver));

        ObjectNode scanner = root.putObject("trivy").putObject("scanner");
        scanner.put("offlineScanEnabled", true);
        scanner.put("dbRegistry", w.registryHost());
        scanner.put("dbRepository", w.trivyDbRepository());
        scanner.put("dbRepositoryInsecure", w.registryInsecure());
        scanner.put("javaDbRegistry", w.registryHost());
        scanner.put("javaDbRepository", w.trivyJavaDbRepository());
        // Trivy scans the images pods run by their upstream names; the registry holds them under those names.
        java.util.Map<String, String> mirrors = containerd.trivyMirrors();
        if (!mirrors.isEmpty()) {
            ObjectNode mirror = scanner.putObject("registry").putObject("mirror");
            mirrors.forEach(mirror::put);
        }
        if (w.registryPullSecret().isPresent()) {
            scanner.putObject("imagePullSecret")
                    .put("name", w.registryPullSecret().get());
        } else if (!w.registryAnonymousRead()) {
            scanner.putObject("imagePullSecret").put("name", SET_ME);
            notes.add("trivy.scanner.imagePullSecret.name: set-me: the registry needs credentials; name the Secret"
                    + " holding them (catalog setting airlock.catalog.welkin.registry-pull-secret)");
        }

        Set<Integer> falcoPorts = new LinkedHashSet<>();
        falcoPorts.add(port(URI.create(fileserver)));
        w.falcoRegistryHost().map(WelkinConfigService::registryPort).ifPresent(falcoPorts::add);
        plugins(root.putObject("networkPolicies").putObject("falco"), ips, falcoPorts);
        notes.addAll(ipNotes.stream()
                .map(n -> "networkPolicies.falco.plugins.ips: " + n)
                .toList());
        return new WelkinSnippets.Document(COMMON, null, List.copyOf(notes), root);
    }

    private List<WelkinSnippets.Document> serviceClusters(
            CatalogConfig.Welkin w, String fileserver, List<String> ips, List<String> ipNotes) {
        List<WelkinSnippets.Document> documents = new ArrayList<>();
        for (OpenSearchDeclaration.Cluster c : opensearch.clusters()) {
            documents.add(sc(
                    w,
                    fileserver,
                    ips,
                    ipNotes,
                    c.name(),
                    Optional.of(c.version()),
                    "For service cluster " + c.name() + ", which runs OpenSearch " + c.version() + "."));
        }
        for (String version : opensearch.unassigned()) {
            documents.add(sc(
                    w,
                    fileserver,
                    ips,
                    ipNotes,
                    null,
                    Optional.of(version),
                    "For the service cluster that runs OpenSearch " + version + " (declare clusters by name to"
                            + " have them named here)."));
        }
        if (documents.isEmpty()) {
            documents.add(sc(
                    w,
                    fileserver,
                    ips,
                    ipNotes,
                    null,
                    Optional.empty(),
                    "opensearch.plugins.additionalPlugins: set-me: no OpenSearch version is declared; PUT"
                            + " /api/v1/coverage/opensearch-versions and ask again."));
        }
        return documents;
    }

    private WelkinSnippets.Document sc(
            CatalogConfig.Welkin w,
            String fileserver,
            List<String> ips,
            List<String> ipNotes,
            String cluster,
            Optional<String> version,
            String note) {
        List<String> notes = new ArrayList<>();
        notes.add(note);
        ObjectNode root = JSON.objectNode();
        ObjectNode plugins = root.putObject("opensearch").putObject("plugins");
        plugins.put("installExternalObjectStoragePlugin", false);
        ArrayNode zips = plugins.putArray("additionalPlugins");
        if (version.isPresent()) {
            config.coverage()
                    .opensearchPlugins()
                    .forEach(p -> zips.add(fileserver + "/" + p + "-" + version.get() + ".zip"));
        } else {
            zips.add(SET_ME);
        }
        plugins(root.putObject("networkPolicies").putObject("opensearch"), ips, Set.of(port(URI.create(fileserver))));
        notes.addAll(ipNotes.stream()
                .map(n -> "networkPolicies.opensearch.plugins.ips: " + n)
                .toList());

        // Harbor scans with its own Trivy adapter, which reads full repository references.
        ArrayNode env = root.putObject("harbor").putObject("trivy").putArray("extraEnvVars");
        env.addObject()
                .put("name", "SCANNER_TRIVY_DB_REPOSITORY")
                .put("value", w.registryHost() + "/" + w.trivyDbRepository());
        env.addObject()
                .put("name", "SCANNER_TRIVY_JAVA_DB_REPOSITORY")
                .put("value", w.registryHost() + "/" + w.trivyJavaDbRepository());
        if (w.registryInsecure()) {
            env.addObject().put("name", "SCANNER_TRIVY_INSECURE").put("value", "true");
        }
        return new WelkinSnippets.Document(SC, cluster, List.copyOf(notes), root);
    }

    /** {@code <parent>.plugins.{ips, ports}} of a Welkin NetworkPolicy. */
    private static void plugins(ObjectNode parent, List<String> ips, Set<Integer> ports) {
        ObjectNode plugins = parent.putObject("plugins");
        ArrayNode ipList = plugins.putArray("ips");
        ips.forEach(ipList::add);
        ArrayNode portList = plugins.putArray("ports");
        ports.stream().sorted().forEach(portList::add);
    }

    /** The configured file server addresses as CIDRs; {@code set-me} (and a note) where there are none or a bad one. */
    private List<String> fileserverIps(List<String> notes) {
        List<String> configured = config.welkin().fileserverIps().orElse(List.of());
        if (configured.isEmpty()) {
            notes.add("set-me: the file server's IP addresses as CIDRs (e.g. 10.0.0.5/32); Airlock cannot know them"
                    + " (catalog setting airlock.catalog.welkin.fileserver-ips)");
            return List.of(SET_ME);
        }
        List<String> cidrs = new ArrayList<>();
        for (String ip : configured) {
            String address = ip.strip().toLowerCase(java.util.Locale.ROOT);
            String cidr = address.contains("/") ? address : address + (address.contains(":") ? "/128" : "/32");
            if (CIDR.matcher(cidr).matches()) {
                cidrs.add(cidr);
            } else {
                cidrs.add(SET_ME);
                notes.add("set-me: airlock.catalog.welkin.fileserver-ips holds '" + ip
                        + "', which is not an IP address or CIDR");
            }
        }
        return cidrs;
    }

    private String driverKind(String requested) {
        String kind = requested != null ? requested : config.welkin().driverKind();
        if (!kind.equals("kmod") && !kind.equals("module")) {
            throw CatalogException.badRequest("driverKind '" + kind
                    + "' is not a kernel-module spelling: kmod (Welkin v0.37 and later) or module (earlier releases)");
        }
        return kind;
    }

    /** When every declared node can run Falco's modern eBPF probe, the setting that needs no driver download. */
    private Optional<WelkinSnippets.Alternative> modernEbpf() {
        List<String> kernels = coverage.kernelReleases();
        if (kernels.isEmpty() || !kernels.stream().allMatch(WelkinConfigService::supportsModernEbpf)) {
            return Optional.empty();
        }
        String oldest = kernels.stream()
                .min(Comparator.comparingInt((String k) -> kernelPart(k, 1)).thenComparingInt(k -> kernelPart(k, 2)))
                .orElseThrow();
        ObjectNode config = JSON.objectNode();
        config.putObject("falco").putObject("driver").put("kind", "modern_ebpf");
        return Optional.of(new WelkinSnippets.Alternative(
                COMMON,
                "every declared node runs kernel 5.8 or later (oldest: " + oldest
                        + "), so Falco's modern eBPF probe works, which is built into Falco and needs no driver"
                        + " download (falco.driver.module is then unused)",
                config));
    }

    static boolean supportsModernEbpf(String kernelRelease) {
        int major = kernelPart(kernelRelease, 1);
        int minor = kernelPart(kernelRelease, 2);
        return major > MODERN_EBPF_KERNEL[0] || (major == MODERN_EBPF_KERNEL[0] && minor >= MODERN_EBPF_KERNEL[1]);
    }

    /** Major (1) or minor (2) of a kernel release; -1 when it does not start with {@code <major>.<minor>}. */
    private static int kernelPart(String kernelRelease, int group) {
        Matcher m = KERNEL.matcher(kernelRelease);
        return m.matches() ? Integer.parseInt(m.group(group)) : -1;
    }

    static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }

    /** The port of a registry {@code host[:port]}; 443 when none is given. */
    static int registryPort(String hostPort) {
        Matcher m = Pattern.compile(".*:(\\d{1,5})").matcher(hostPort);
        return m.matches() ? Integer.parseInt(m.group(1)) : 443;
    }

    private static String write(ObjectNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, booleans and numbers always serializes", e);
        }
    }
}
