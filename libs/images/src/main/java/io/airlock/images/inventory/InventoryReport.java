package io.airlock.images.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory as JSON shows it, the same from {@code airlock images inventory --format json} and from the catalog's
 * {@code POST /api/v1/images/inventory}.
 *
 * @param images every distinct image, sorted by reference
 * @param upstreams the references grouped by upstream registry host, hosts sorted
 * @param problems what could not be read, with where
 * @param problemsLeftOut problems beyond those listed
 * @param pods pods read from pod lists
 */
public record InventoryReport(
        List<Image> images,
        Map<String, List<String>> upstreams,
        List<InventoryProblem> problems,
        long problemsLeftOut,
        int pods) {

    /**
     * One image.
     *
     * @param reference canonical, e.g. {@code docker.io/library/nginx:1.25}
     * @param upstream the registry host it comes from
     * @param repository its repository inside Airlock's registry ({@code docker.io/library/nginx})
     * @param tag null for a digest-only reference
     * @param digest the pinned or running manifest digest, or null
     * @param uses where it was found
     */
    public record Image(
            String reference, String upstream, String repository, String tag, String digest, List<ImageUse> uses) {}

    public static InventoryReport of(Inventory inventory) {
        List<Image> images = inventory.images().stream()
                .map(i -> new Image(
                        i.reference().toString(),
                        i.upstream(),
                        i.reference().mirrorRepository(),
                        i.reference().tag(),
                        i.reference().digest(),
                        i.uses()))
                .toList();
        Map<String, List<String>> upstreams = new LinkedHashMap<>();
        inventory
                .byUpstream()
                .forEach((host, list) -> upstreams.put(
                        host, list.stream().map(i -> i.reference().toString()).toList()));
        return new InventoryReport(
                images, upstreams, inventory.problems(), inventory.problemsLeftOut(), inventory.pods());
    }
}
