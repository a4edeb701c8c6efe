package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cli.create.BundleCreator.FileJob;
import io.airlock.cli.create.BundleCreator.Job;
import io.airlock.cli.spec.BundleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bundle create --coverage}: the reports falco-index-service and catalog-service export (GET /api/v1/coverage,
 * in their real shapes: src/test/resources/coverage) become driver files and plugin zips in the bundle.
 */
class CoverageInputTest {
    private static final String X86 = "8.1.0+driver/x86_64/falco_debian_5.10.0-28-amd64_1.ko";
    private static final String ARM = "8.1.0+driver/aarch64/falco_ubuntu-generic_5.15.0-105-generic_105.ko";

    @TempDir
    Path tmp;

    private Path report(String name) throws Exception {
        Path file = tmp.resolve(name);
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/coverage/" + name))) {
            Files.copy(in, file);
        }
        return file;
    }

    private BundleSpec spec(String yaml) throws Exception {
        Path spec = tmp.resolve("bundle.yaml");
        Files.writeString(spec, yaml);
        return BundleSpec.read(spec);
    }

    @Test
    void addsTheMissingDriversOfTheSpecsDriverVersion() throws Exception {
        BundleSpec s = spec(
                "falco:\n  driversUrl: http://mirror.example/driver/\n  drivers:\n" + "    - version: 8.1.0+driver\n");
        List<Job> jobs = BundleCommand.Create.jobs(s, List.of(report("falco-index-coverage.json")));
        assertEquals(
                List.of(
                        new FileJob(
                                "http://mirror.example/driver/8.1.0%2Bdriver/aarch64/"
                                        + "falco_ubuntu-generic_5.15.0-105-generic_105.ko",
                                ARM, "falco-driver"),
                        new FileJob(
                                "http://mirror.example/driver/8.1.0%2Bdriver/x86_64/falco_debian_5.10.0-28-amd64_1.ko",
                                X86, "falco-driver")),
                jobs,
                "only what is missing; the hosted driver and the unresolved node are left out");
    }

    @Test
    void aNewDriverVersionGetsTheFileOfEveryResolvedNode() throws Exception {
        BundleSpec s = spec("falco:\n  drivers:\n    - version: 9.0.0+driver\n");
        List<String> paths = paths(BundleCommand.Create.jobs(s, List.of(report("falco-index-coverage.json"))));
        assertEquals(
                List.of(
                        "9.0.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko",
                        "9.0.0+driver/aarch64/falco_ubuntu-generic_5.15.0-105-generic_105.ko",
                        "9.0.0+driver/x86_64/falco_debian_5.10.0-28-amd64_1.ko"),
                paths,
                "an upgrade: the report does not cover 9.0.0, so every node's kernel is needed");
    }

    @Test
    void kernelsTheSpecAlreadyNamesAreNotCarriedTwice() throws Exception {
        BundleSpec s = spec("falco:\n  drivers:\n    - version: 8.1.0+driver\n      arch: aarch64\n      kernels:\n"
                + "        - {target: ubuntu-generic, release: 5.15.0-105-generic, version: \"105\"}\n");
        assertEquals(
                List.of(ARM, X86), paths(BundleCommand.Create.jobs(s, List.of(report("falco-index-coverage.json")))));
    }

    @Test
    void withoutDriverVersionsInTheSpecEveryMissingFileIsCarried() throws Exception {
        BundleSpec s = spec("name: only-coverage\n");
        assertEquals(
                List.of(ARM, X86), paths(BundleCommand.Create.jobs(s, List.of(report("falco-index-coverage.json")))));
    }

    @Test
    void openSearchVersionsAndPluginGapsFromTheCatalogsReport() throws Exception {
        BundleSpec s = spec("opensearch:\n  plugins: [repository-s3]\n");
        List<Job> jobs = BundleCommand.Create.jobs(s, List.of(report("catalog-coverage.json")));
        String base = BundleSpec.DEFAULT_OPENSEARCH_URL;
        assertEquals(
                List.of(
                        new FileJob(
                                base + "/repository-s3/2.11.1/repository-s3-2.11.1.zip",
                                "repository-s3-2.11.1.zip",
                                "opensearch-plugin"),
                        new FileJob(
                                base + "/analysis-icu/2.11.1/analysis-icu-2.11.1.zip",
                                "analysis-icu-2.11.1.zip",
                                "opensearch-plugin"),
                        new FileJob(
                                base + "/repository-s3/2.8.0/repository-s3-2.8.0.zip",
                                "repository-s3-2.8.0.zip",
                                "opensearch-plugin")),
                jobs,
                "each gap's zip, then the spec's plugins for every version in use; driver gaps name no file");
    }

    @Test
    void bothReportsTogether() throws Exception {
        BundleSpec s =
                spec("falco:\n  drivers:\n    - version: 8.1.0+driver\nopensearch:\n  plugins: [repository-s3]\n");
        List<String> paths = paths(BundleCommand.Create.jobs(
                s, List.of(report("falco-index-coverage.json"), report("catalog-coverage.json"))));
        assertEquals(5, paths.size(), paths.toString());
        assertTrue(paths.containsAll(List.of(ARM, X86, "repository-s3-2.8.0.zip")), paths.toString());
    }

    @Test
    void refusesAnythingElseInOneLine() throws Exception {
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"items\": []}");
        BundleSpec s = spec("name: x\n");
        CliException e = assertThrows(CliException.class, () -> BundleCommand.Create.jobs(s, List.of(other)));
        assertTrue(e.line().contains("neither falco-index's nor the catalog's coverage report"), e.line());
        assertEquals(CliException.USAGE, e.exitCode());
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"missing\": [");
        CliException b = assertThrows(CliException.class, () -> BundleCommand.Create.jobs(s, List.of(broken)));
        assertTrue(b.line().contains("cannot be read") && !b.line().contains("\n"), b.line());
    }

    private static List<String> paths(List<Job> jobs) {
        return jobs.stream().map(j -> ((FileJob) j).path()).toList();
    }
}
