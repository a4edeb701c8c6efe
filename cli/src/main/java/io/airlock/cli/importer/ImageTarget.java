package io.airlock.cli.importer;

import io.airlock.cli.CliException;

/**
 * {@code --image-registry HOST[/PREFIX]}: another registry for container images (Harbor with a project), as a base
 * URL and a repository prefix. A bare host gets {@code https://}; the prefix is the URL's path.
 *
 * @param url the registry's base URL, e.g. {@code https://harbor.internal}
 * @param prefix the repository prefix without slashes, e.g. {@code mirror}; null for none
 */
public record ImageTarget(String url, String prefix) {
    public static ImageTarget parse(String value) {
        String v = value.strip();
        String scheme = "https://";
        int s = v.indexOf("://");
        if (s >= 0) {
            scheme = v.substring(0, s + 3);
            v = v.substring(s + 3);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        int slash = v.indexOf('/');
        String host = slash < 0 ? v : v.substring(0, slash);
        String prefix = slash < 0 ? null : v.substring(slash + 1);
        if (host.isEmpty()
                || (prefix != null
                        && !prefix.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*"))) {
            throw CliException.usage(
                    "--image-registry " + value + " is not HOST[/PREFIX] with a lowercase repository prefix",
                    "e.g. --image-registry https://harbor.internal/mirror");
        }
        return new ImageTarget(scheme + host, prefix);
    }

    /**
     * The repository of an image inside the target: the upstream-named repository ({@code docker.io/library/nginx})
     * when there is no prefix, else {@code <prefix>/<upstream path>} ({@code mirror/library/nginx}): the path as
     * containerd asks for it, Docker Hub's {@code library/} included, the upstream host left out.
     */
    public static String repository(String prefix, String mirrorRepository) {
        if (prefix == null) {
            return mirrorRepository;
        }
        return prefix + "/" + mirrorRepository.substring(mirrorRepository.indexOf('/') + 1);
    }
}
