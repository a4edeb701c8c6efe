package io.airlock.images.inventory;

import io.airlock.images.ImageReference;
import java.util.List;

/**
 * One distinct image of an inventory and every place it was found.
 *
 * @param reference normalized; carries the digest a pod reported running, when one did
 * @param uses where it was found, in input order
 */
public record InventoryImage(ImageReference reference, List<ImageUse> uses) {
    public InventoryImage {
        uses = List.copyOf(uses);
    }

    /** The upstream registry host ({@code docker.io}, {@code registry.k8s.io}). */
    public String upstream() {
        return reference.registry();
    }
}
