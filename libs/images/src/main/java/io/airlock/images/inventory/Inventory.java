package io.airlock.images.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The distinct images of one or more inputs, normalized, sorted by their canonical spelling, and what could not be read.
 *
 * @param images one entry per distinct normalized reference
 * @param problems malformed references with where they were found (at most {@link ImageInventory#MAX_PROBLEMS})
 * @param problemsLeftOut how many more problems there were
 * @param pods how many pods the pod lists held
 */
public record Inventory(List<InventoryImage> images, List<InventoryProblem> problems, long problemsLeftOut, int pods) {
    public Inventory {
        images = List.copyOf(images);
        problems = List.copyOf(problems);
    }

    /** The images grouped by upstream registry host, hosts sorted. */
    public SortedMap<String, List<InventoryImage>> byUpstream() {
        SortedMap<String, List<InventoryImage>> groups = new TreeMap<>();
        for (InventoryImage image : images) {
            groups.computeIfAbsent(image.upstream(), u -> new ArrayList<>()).add(image);
        }
        return groups;
    }

    /** Every distinct reference, canonical spelling, in order. */
    public List<String> references() {
        return images.stream().map(i -> i.reference().toString()).toList();
    }
}
