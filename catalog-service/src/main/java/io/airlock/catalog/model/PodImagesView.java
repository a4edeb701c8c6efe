package io.airlock.catalog.model;

import io.airlock.images.inventory.InventoryProblem;
import java.time.Instant;
import java.util.List;

/**
 * The images the declared pods use ({@code GET/PUT /api/v1/coverage/pods}).
 *
 * @param declaredAt when the pods were declared, or null when never
 * @param pods distinct pods with at least one readable image
 * @param images one entry per reference to host, sorted
 * @param problems containers whose image could not be read (answered by the declaration itself, not stored)
 */
public record PodImagesView(Instant declaredAt, int pods, List<ImageInUse> images, List<InventoryProblem> problems) {

    /**
     * An image in use.
     *
     * @param image the reference as the pods name it, normalized ({@code docker.io/library/nginx:1.25})
     * @param reference what must be hosted: {@code image} pinned to the running digest when the pods reported one
     * @param upstream the registry host it comes from
     * @param repository its repository in Airlock's registry
     * @param hosted whether the catalog holds a {@code container-image} version for it (by digest when pinned, else
     *     by tag)
     * @param podCount how many containers use it
     * @param pods the containers that use it (in the coverage report at most {@value #REPORT_PODS})
     */
    public record ImageInUse(
            String image,
            String reference,
            String upstream,
            String repository,
            boolean hosted,
            int podCount,
            List<PodRef> pods) {
        public static final int REPORT_PODS = 20;
    }

    /** A container; {@code cluster} is null when the declaration named none. */
    public record PodRef(String cluster, String namespace, String pod, String container) {}
}
