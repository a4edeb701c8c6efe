package io.airlock.falco.client;

import java.time.Instant;
import java.util.List;

/**
 * Which nodes' loaders would find their driver in the file server's tree, per driver version: the body of
 * falco-index-service's {@code GET /api/v1/coverage}, written by that service and read by the catalog through
 * {@link FalcoCoverageClient}, so the shape is defined once.
 *
 * @param missing every exact path ({@code <driverVersion>/<arch>/<file>}) a node will request and not find
 * @param unresolved nodes whose file name could not be computed (see each node's drivers for why)
 */
public record KernelCoverage(
        Instant computedAt,
        String kind,
        List<String> driverVersions,
        List<VersionSummary> summary,
        List<String> missing,
        List<String> unresolved,
        List<NodeCoverage> nodes) {

    public enum Status {
        /** the exact file the loader requests is hosted */
        PRESENT,
        /** the exact file is not hosted: the loader would fall back to building one, which fails offline */
        MISSING,
        /** the file name cannot be computed from what is known about the node */
        UNRESOLVED
    }

    /**
     * One node.
     *
     * @param kernelVersionSource {@code GIVEN} (uname -v known), {@code DERIVED} (from another field) or
     *     {@code GUESSED} (assumed; see {@code note}); null when unresolved
     */
    public record NodeCoverage(
            String name,
            String osImage,
            String arch,
            String kernelRelease,
            String targetId,
            String kernelVersionSource,
            String note,
            List<DriverStatus> drivers) {}

    /**
     * One node and one driver version.
     *
     * @param path the key in the file server's tree; null when unresolved
     * @param url the URL path the loader requests; null when unresolved
     * @param candidates hosted files for the same target and kernel that differ only where the name was guessed or
     *     unknown
     */
    public record DriverStatus(
            String driverVersion, Status status, String path, String url, String reason, List<String> candidates) {}

    /** Per driver version: how many nodes would load a driver. */
    public record VersionSummary(String driverVersion, int nodes, int present, int withoutDriver, double ratio) {}
}
