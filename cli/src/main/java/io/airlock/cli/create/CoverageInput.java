package io.airlock.cli.create;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlock.catalog.client.ArtifactKind;
import io.airlock.cli.CliException;
import io.airlock.cli.create.BundleCreator.FileJob;
import io.airlock.cli.create.BundleCreator.Job;
import io.airlock.cli.create.BundleCreator.OciJob;
import io.airlock.cli.remote.Http;
import io.airlock.cli.spec.BundleSpec;
import io.airlock.oci.OciJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bundle create --coverage <report.json>}: what the inside exported as needed becomes part of the bundle, so
 * the operator does not type kernels or versions by hand. Two exports are read, told apart by their shape:
 *
 * <ul>
 *   <li>falco-index-service's {@code GET /api/v1/coverage} ({@code missing}, {@code driverVersions}, {@code nodes}):
 *       for each driver version of the spec that the report covers, the files it lists as {@code missing}; for a
 *       driver version of the spec it does not cover (an upgrade), the file of every node whose name could be
 *       computed. Without driver versions in the spec, every missing file of the report.
 *   <li>catalog-service's {@code GET /api/v1/coverage} ({@code gaps}, {@code opensearchVersions}): the plugin zip of
 *       each {@code opensearch-plugin} gap, and the spec's plugins for each OpenSearch version in use. Its
 *       {@code falco-driver} gaps name no loader file name (no target id or kernel version), so they are reported and
 *       left to falco-index's report.
 * </ul>
 */
public final class CoverageInput {
    private CoverageInput() {}

    /** {@code jobs} with what the reports add, without duplicates (by destination), in order. */
    public static List<Job> add(List<Job> jobs, BundleSpec spec, List<Path> reports, PrintStream log) {
        Map<String, Job> byDestination = new LinkedHashMap<>();
        for (Job j : jobs) {
            byDestination.putIfAbsent(destination(j), j);
        }
        for (Path report : reports) {
            List<Job> more = jobs(spec, report, read(report), log);
            int added = 0;
            for (Job j : more) {
                if (byDestination.putIfAbsent(destination(j), j) == null) {
                    added++;
                }
            }
            log.println("coverage " + report.getFileName() + ": " + more.size() + " files needed inside, " + added
                    + " added to the spec");
        }
        return new ArrayList<>(byDestination.values());
    }

    static JsonNode read(Path report) {
        try {
            JsonNode json = OciJson.MAPPER.readTree(report.toFile());
            if (json == null || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw CliException.usage(
                    "--coverage " + report + " cannot be read: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    "Export it inside with: curl -o coverage.json http://<falco-index>:8081/api/v1/coverage");
        }
    }

    /** The jobs one report asks for. */
    public static List<Job> jobs(BundleSpec spec, Path file, JsonNode report, PrintStream log) {
        if (report.has("missing") && report.has("nodes")) {
            return drivers(spec, report);
        }
        if (report.has("gaps") && report.has("opensearchVersions")) {
            List<Job> jobs = new ArrayList<>(openSearch(spec, report, log));
            jobs.addAll(images(spec, file, report));
            return jobs;
        }
        throw CliException.usage(
                "--coverage " + file + " is neither falco-index's nor the catalog's coverage report",
                "Pass the JSON of GET /api/v1/coverage from falco-index-service or catalog-service");
    }

    private static List<Job> drivers(BundleSpec spec, JsonNode report) {
        String base = trim(or(spec.falco() == null ? null : spec.falco().driversUrl(), BundleSpec.DEFAULT_DRIVERS_URL));
        Set<String> wanted = new LinkedHashSet<>();
        if (spec.falco() != null) {
            for (BundleSpec.Driver d : spec.falco().drivers()) {
                if (d.version() != null && !d.version().isBlank()) {
                    wanted.add(d.version().strip());
                }
            }
        }
        Set<String> covered = new LinkedHashSet<>();
        report.path("driverVersions").forEach(v -> covered.add(v.asText()));
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode m : report.path("missing")) {
            String path = m.asText();
            if (wanted.isEmpty() || wanted.contains(versionOf(path))) {
                paths.add(path);
            }
        }
        for (String version : wanted) {
            if (covered.contains(version)) {
                continue;
            }
            for (JsonNode node : report.path("nodes")) {
                for (JsonNode d : node.path("drivers")) {
                    String path = d.path("path").asText(null);
                    if (path != null && path.indexOf('/') > 0) {
                        paths.add(version + path.substring(path.indexOf('/')));
                    }
                }
            }
        }
        List<Job> jobs = new ArrayList<>();
        for (String path : paths) {
            if (path.split("/", -1).length != 3) {
                throw CliException.usage(
                        "the coverage report lists '" + path + "', not <driverVersion>/<arch>/<file>",
                        "Export the report again from falco-index-service");
            }
            jobs.add(new FileJob(base + "/" + Http.encodePath(path), path, ArtifactKind.FALCO_DRIVER.id()));
        }
        return jobs;
    }

    private static List<Job> openSearch(BundleSpec spec, JsonNode report, PrintStream log) {
        BundleSpec.OpenSearch os = spec.opensearch();
        String base = trim(or(os == null ? null : os.pluginsUrl(), BundleSpec.DEFAULT_OPENSEARCH_URL));
        Map<String, Job> jobs = new LinkedHashMap<>();
        int driverGaps = 0;
        for (JsonNode gap : report.path("gaps")) {
            String type = gap.path("type").asText("");
            if (type.equals(ArtifactKind.FALCO_DRIVER.id())) {
                driverGaps++;
                continue;
            }
            if (!type.equals(ArtifactKind.OPENSEARCH_PLUGIN.id())) {
                continue;
            }
            String version = gap.path("subject").asText("");
            String file = gap.path("missing").asText("");
            String suffix = "-" + version + ".zip";
            if (version.isEmpty() || !file.endsWith(suffix) || file.length() == suffix.length()) {
                continue;
            }
            String plugin = file.substring(0, file.length() - suffix.length());
            jobs.putIfAbsent(file, plugin(base, plugin, version));
        }
        if (os != null) {
            for (JsonNode v : report.path("opensearchVersions")) {
                for (String plugin : os.plugins()) {
                    String file = plugin + "-" + v.asText() + ".zip";
                    jobs.putIfAbsent(file, plugin(base, plugin, v.asText()));
                }
            }
        }
        if (driverGaps > 0) {
            log.println("coverage: " + driverGaps + " kernels without a Falco driver in the catalog's report; their "
                    + "file names come from falco-index's report (pass it with --coverage too)");
        }
        return new ArrayList<>(jobs.values());
    }

    /**
     * The catalog's {@code container-image} gaps: each names in {@code missing} the reference to carry (a digest when
     * the pod runs one), normalized.
     */
    private static List<Job> images(BundleSpec spec, Path file, JsonNode report) {
        List<String> refs = new ArrayList<>();
        for (JsonNode gap : report.path("gaps")) {
            if (ArtifactKind.CONTAINER_IMAGE.id().equals(gap.path("type").asText(""))) {
                String missing = gap.path("missing").asText("");
                refs.add(missing.isBlank() ? gap.path("subject").asText("") : missing);
            }
        }
        return new ArrayList<>(ImageLists.jobs(spec.images(), refs, "--coverage " + file.getFileName()));
    }

    private static Job plugin(String base, String plugin, String version) {
        String file = plugin + "-" + version + ".zip";
        return new FileJob(base + "/" + plugin + "/" + version + "/" + file, file, ArtifactKind.OPENSEARCH_PLUGIN.id());
    }

    private static String versionOf(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static String destination(Job j) {
        if (j instanceof BundleCreator.ImageJob) {
            return "image:" + ((BundleCreator.ImageJob) j).reference();
        }
        if (j instanceof OciJob) {
            OciJob o = (OciJob) j;
            return "oci:" + o.destination() + ":" + o.tag();
        }
        return "file:" + ((FileJob) j).path();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
