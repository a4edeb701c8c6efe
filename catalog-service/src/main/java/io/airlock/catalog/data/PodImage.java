package io.airlock.catalog.data;

import java.time.Instant;

/**
 * One container of a declared pod and its image (table {@code pod_image}, written and read in bulk by
 * {@link io.airlock.catalog.service.ImageCoverage}).
 *
 * @param cluster the cluster the declaration named, {@code ""} when none
 * @param image the reference as the pod spec names it, normalized
 * @param reference what must be hosted for the container to start again: {@code image} pinned to the digest the pod
 *     reported running, when it reported one
 */
public record PodImage(
        String cluster,
        String namespace,
        String pod,
        String container,
        String image,
        String reference,
        Instant declaredAt) {}
