package io.airlock.catalog.model;

import java.time.Instant;
import java.util.List;

/**
 * What is in use, and what of it the air gap cannot serve.
 *
 * @param complete no gap, and kernel coverage known (not {@code stale} or {@code unavailable})
 * @param kernels the kernels of the nodes declared to falco-index-service, which computes kernel coverage
 * @param kernelCoverage where {@code kernels} and the {@code falco-driver} gaps come from, and how current they are
 * @param missingImages the images behind the {@code container-image} gaps, with the pods that use them (at most
 *     {@value PodImagesView.ImageInUse#REPORT_PODS} each; {@code GET /api/v1/coverage/pods} lists all)
 */
public record CoverageReport(
        Instant evaluatedAt,
        boolean complete,
        List<CoverageGap> gaps,
        List<String> opensearchVersions,
        List<KernelInUse> kernels,
        List<SchemasRequest.Schema> schemas,
        KernelCoverageSource kernelCoverage,
        List<PodImagesView.ImageInUse> missingImages) {

    /** A kernel release on an architecture, the nodes running it, and the driver that covers it if any. */
    public record KernelInUse(String kernelRelease, String architecture, int nodes, String driver) {}
}
