package io.airlock.images.inventory;

/**
 * Where an image was found: a line of an image list, a place in a rendered chart, or a container of a pod.
 *
 * @param source the input's name as the caller gave it (a file name, {@code -} for stdin, {@code body})
 * @param location inside that input: {@code line 12}, or {@code pod kube-system/coredns-7db6d container coredns}
 * @param namespace the pod's namespace, for a pod; else null
 * @param pod the pod's name, for a pod; else null
 * @param container the container's name, for a pod; else null
 * @param image the reference as written there, normalized, before a pod's running digest was pinned to it; null
 *     until it was read
 */
public record ImageUse(String source, String location, String namespace, String pod, String container, String image) {
    static ImageUse at(String source, String location) {
        return new ImageUse(source, location, null, null, null, null);
    }

    ImageUse as(String normalized) {
        return new ImageUse(source, location, namespace, pod, container, normalized);
    }

    /** {@code source: location}, as problems and reports name it. */
    public String where() {
        return source + ": " + location;
    }
}
