package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cli.create.BundleCreator.FileJob;
import io.airlock.cli.create.BundleCreator.Job;
import io.airlock.cli.create.BundleCreator.OciJob;
import io.airlock.cli.remote.Http;
import io.airlock.cli.spec.BundleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a spec asks for, as URLs and destinations; the public upstreams are the defaults. */
class SpecTest {
    @TempDir
    Path tmp;

    @Test
    void expandsEverySectionWithPublicDefaults() throws Exception {
        Path spec = tmp.resolve("bundle.yaml");
        Files.writeString(
                spec,
                String.join(
                        "\n",
                        "trivy:",
                        "  artifacts:",
                        "    - repository: aquasecurity/trivy-db",
                        "      tags: [\"2\"]",
                        "    - repository: aquasecurity/trivy-java-db",
                        "      tags: [\"1\"]",
                        "oci:",
                        "  - repository: falcosecurity/rules/falco-rules",
                        "    tags: [\"3\"]",
                        "    kind: falco-rulesfile",
                        "falco:",
                        "  drivers:",
                        "    - version: 8.1.0+driver",
                        "      kernels:",
                        "        - {target: ubuntu-generic, release: 6.8.0-79-generic, version: \"79\"}",
                        "opensearch:",
                        "  versions: [\"2.8.0\"]",
                        "  plugins: [repository-s3]",
                        "files:",
                        "  - url: https://example.org/x.yaml",
                        "    path: /falcoctl/extra.yaml",
                        ""));
        List<Job> jobs = BundleCommand.Create.jobs(BundleSpec.read(spec));
        assertEquals(
                List.of(
                        new OciJob(
                                "https://ghcr.io", "aquasecurity/trivy-db", "2", "trivy-db", "aquasecurity/trivy-db"),
                        new OciJob(
                                "https://ghcr.io",
                                "aquasecurity/trivy-java-db",
                                "1",
                                "trivy-java-db",
                                "aquasecurity/trivy-java-db"),
                        new OciJob(
                                "https://ghcr.io",
                                "falcosecurity/rules/falco-rules",
                                "3",
                                "falco-rulesfile",
                                "falcosecurity/rules/falco-rules"),
                        new FileJob(
                                "https://download.falco.org/driver/8.1.0%2Bdriver/x86_64/"
                                        + "falco_ubuntu-generic_6.8.0-79-generic_79.ko",
                                "8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko", "falco-driver"),
                        new FileJob(
                                "https://artifacts.opensearch.org/releases/plugins/repository-s3/2.8.0/"
                                        + "repository-s3-2.8.0.zip",
                                "repository-s3-2.8.0.zip",
                                "opensearch-plugin"),
                        new FileJob("https://example.org/x.yaml", "falcoctl/extra.yaml", "file")),
                jobs);
    }

    @Test
    void falcoPluginsAndRulesfilesDefaultToTheFalcoRegistry() throws Exception {
        Path spec = tmp.resolve("falco.yaml");
        Files.writeString(
                spec,
                String.join(
                        "\n",
                        "falco:",
                        "  plugins:",
                        "    - name: k8saudit",
                        "      tags: [\"0.7.0\", \"0.7\"]",
                        "    - repository: mirror/container",
                        "      tags: [\"0.1.0\"]",
                        "      registry: http://127.0.0.1:5000",
                        "      destination: falcosecurity/plugins/plugin/container",
                        "  rulesfiles:",
                        "    - name: falco-rules",
                        "      tags: [\"3\"]",
                        "    - repository: falcosecurity/plugins/ruleset/k8saudit",
                        "      tags: [\"0.7.0\"]",
                        ""));
        String plugin = "falcosecurity/plugins/plugin/k8saudit";
        assertEquals(
                List.of(
                        new OciJob("https://ghcr.io", plugin, "0.7.0", "falco-plugin", plugin),
                        new OciJob("https://ghcr.io", plugin, "0.7", "falco-plugin", plugin),
                        new OciJob(
                                "http://127.0.0.1:5000",
                                "mirror/container",
                                "0.1.0",
                                "falco-plugin",
                                "falcosecurity/plugins/plugin/container"),
                        new OciJob(
                                "https://ghcr.io",
                                "falcosecurity/rules/falco-rules",
                                "3",
                                "falco-rulesfile",
                                "falcosecurity/rules/falco-rules"),
                        new OciJob(
                                "https://ghcr.io",
                                "falcosecurity/plugins/ruleset/k8saudit",
                                "0.7.0",
                                "falco-rulesfile",
                                "falcosecurity/plugins/ruleset/k8saudit")),
                BundleCommand.Create.jobs(BundleSpec.read(spec)));

        Files.writeString(spec, "falco:\n  registry: http://mirror:5000\n  plugins:\n    - name: json\n");
        CliException e = assertThrows(CliException.class, () -> BundleCommand.Create.jobs(BundleSpec.read(spec)));
        assertTrue(e.line().contains("no tags for falcosecurity/plugins/plugin/json"), e.line());
        Files.writeString(spec, "falco:\n  plugins:\n    - tags: [\"1.0.0\"]\n");
        CliException n = assertThrows(CliException.class, () -> BundleCommand.Create.jobs(BundleSpec.read(spec)));
        assertTrue(n.line().contains("falco.plugins[].name or falco.plugins[].repository"), n.line());
    }

    @Test
    void refusesUnknownKeysInOneLine() throws Exception {
        Path spec = tmp.resolve("bad.yaml");
        Files.writeString(spec, "trivvy: {}\n");
        CliException e = assertThrows(CliException.class, () -> BundleSpec.read(spec));
        assertTrue(e.line().contains("trivvy") && !e.line().contains("\n"), e.line());
    }

    @Test
    void encodesPathSegmentsAsTheDriverLoaderDoes() {
        assertEquals("8.1.0%2Bdriver/x86_64/a%20b.ko", Http.encodePath("8.1.0+driver/x86_64/a b.ko"));
    }
}
