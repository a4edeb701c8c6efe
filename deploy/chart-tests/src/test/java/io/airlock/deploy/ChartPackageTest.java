package io.airlock.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * The chart as it is shipped: packaged by the embedded Helm ({@code helm package}) into
 * {@code target/chart/airlock-<version>.tgz}, the file a release carries. The package holds what an install needs and
 * not the chart's development files, and installs the same objects as the chart directory.
 */
class ChartPackageTest {

    @Test
    void theChartPackagesIntoAVersionedTgzThatRendersLikeTheDirectory() throws IOException {
        JsonNode chart =
                Chart.YAML.readTree(Chart.chartDir().resolve("Chart.yaml").toFile());
        String version = chart.get("version").asText();
        Path out = Path.of(System.getProperty("airlock.rendered.dir", "target/rendered"))
                .resolveSibling("chart");
        Files.createDirectories(out);
        Path tgz = out.resolve("airlock-" + version + ".tgz");
        Files.deleteIfExists(tgz);

        new Helm(Chart.chartDir()).packageIt().withDestination(out).call();

        assertTrue(Files.isRegularFile(tgz), "no " + tgz);
        Set<String> entries = new TreeSet<>();
        try (InputStream in = Files.newInputStream(tgz);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        for (String needed : new String[] {
            "airlock/Chart.yaml",
            "airlock/values.yaml",
            "airlock/values.schema.json",
            "airlock/templates/deployment.yaml",
            "airlock/files/prometheus-rules.yaml",
            "airlock/files/grafana-dashboard.json"
        }) {
            assertTrue(entries.contains(needed), needed + " missing from " + entries);
        }
        assertFalse(
                entries.stream().anyMatch(e -> e.startsWith("airlock/tests/")),
                "promtool tests are not shipped: " + entries);

        Map<String, Object> sets = Scenarios.allServicesSets();
        String fromDir = Chart.template(java.util.Optional.empty(), sets);
        var command = new Helm(tgz).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE);
        sets.forEach(command::set);
        assertEquals(fromDir, command.call(), "the package renders what the directory renders");
    }
}
