package io.airlock.catalog.model;

import java.time.Instant;
import java.util.List;

/** What is in use, and what of it the air gap cannot serve. */
public record CoverageReport(
        Instant evaluatedAt,
        boolean complete,
        List<CoverageGap> gaps,
        List<String> opensearchVersions,
        List<KernelInUse> kernels,
        List<SchemasRequest.Schema> schemas) {

    /** A kernel release on an architecture, the nodes running it, and the driver that covers it if any. */
    public record KernelInUse(String kernelRelease, String architecture, int nodes, String driver) {}
}
