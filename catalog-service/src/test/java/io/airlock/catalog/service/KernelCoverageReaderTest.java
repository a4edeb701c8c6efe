package io.airlock.catalog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.airlock.catalog.model.CoverageGap;
import io.airlock.catalog.model.CoverageReport;
import io.airlock.falco.client.KernelCoverage;
import io.airlock.falco.client.KernelCoverage.DriverStatus;
import io.airlock.falco.client.KernelCoverage.NodeCoverage;
import io.airlock.falco.client.KernelCoverage.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How falco-index-service's answer becomes the catalog's kernels and gaps: the catalog computes no file name. */
class KernelCoverageReaderTest {
    static final String V = "8.1.0+driver";

    static NodeCoverage node(String name, String release, String arch, DriverStatus... drivers) {
        return new NodeCoverage(
                name, "Ubuntu 24.04.2 LTS", arch, release, "ubuntu-generic", "GUESSED", null, List.of(drivers));
    }

    static DriverStatus present(String version, String path) {
        return new DriverStatus(version, Status.PRESENT, path, "/" + path, null, List.of());
    }

    static DriverStatus missing(String version, String path) {
        return new DriverStatus(version, Status.MISSING, path, "/" + path, null, List.of());
    }

    static KernelCoverage report(List<String> versions, NodeCoverage... nodes) {
        return new KernelCoverage(Instant.EPOCH, "module", versions, List.of(), List.of(), List.of(), List.of(nodes));
    }

    @Test
    void oneGapPerMissingFileWithTheNodesThatNeedIt() {
        String missing79 = V + "/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko";
        String present80 = V + "/x86_64/falco_ubuntu-generic_6.8.0-80-generic_80.ko";
        KernelCoverage coverage = report(
                List.of(V),
                node("w1", "6.8.0-79-generic", "x86_64", missing(V, missing79)),
                node("c1", "6.8.0-80-generic", "x86_64", present(V, present80)),
                node("w2", "6.8.0-79-generic", "x86_64", missing(V, missing79)),
                node(
                        "d1",
                        "6.1.0-18-amd64",
                        "x86_64",
                        new DriverStatus(V, Status.UNRESOLVED, null, null, "Debian needs uname -v", List.of())));

        List<CoverageGap> gaps = KernelCoverageReader.gaps(coverage);
        assertEquals(2, gaps.size(), gaps.toString());
        CoverageGap unresolved = gaps.get(0);
        assertEquals(CoverageGap.FALCO_DRIVER, unresolved.type());
        assertEquals("6.1.0-18-amd64/x86_64", unresolved.subject());
        assertEquals(
                "kernel 6.1.0-18-amd64 (x86_64) on 1 node: the name of its Falco driver cannot be computed (Debian"
                        + " needs uname -v)",
                unresolved.message());
        CoverageGap gap = gaps.get(1);
        assertEquals("6.8.0-79-generic/x86_64", gap.subject());
        assertEquals(missing79, gap.missing());
        assertEquals(2, gap.nodes());
        assertEquals("kernel 6.8.0-79-generic (x86_64) on 2 nodes has no Falco driver", gap.message());

        List<CoverageReport.KernelInUse> kernels = KernelCoverageReader.kernels(coverage);
        assertEquals(3, kernels.size());
        assertEquals(new CoverageReport.KernelInUse("6.8.0-79-generic", "x86_64", 2, null), kernels.get(1));
        assertEquals(new CoverageReport.KernelInUse("6.8.0-80-generic", "x86_64", 1, present80), kernels.get(2));
        assertNull(kernels.get(0).driver());
    }

    @Test
    void withSeveralDriverVersionsEachGapNamesItsVersion() {
        String v2 = "9.0.0+driver";
        KernelCoverage coverage = report(
                List.of(V, v2),
                node(
                        "w1",
                        "6.8.0-79-generic",
                        "aarch64",
                        present(V, V + "/aarch64/falco_ubuntu-generic_6.8.0-79-generic_79.ko"),
                        missing(v2, v2 + "/aarch64/falco_ubuntu-generic_6.8.0-79-generic_79.ko")));
        List<CoverageGap> gaps = KernelCoverageReader.gaps(coverage);
        assertEquals(1, gaps.size());
        assertEquals(
                "kernel 6.8.0-79-generic (aarch64) on 1 node has no Falco driver 9.0.0+driver",
                gaps.get(0).message());
    }
}
