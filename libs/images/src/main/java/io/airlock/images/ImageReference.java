package io.airlock.images;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, normalized exactly as containerd (and Docker, CRI-O, Kubernetes) read one:
 *
 * <ul>
 *   <li>the first path component is a registry when it contains {@code .} or {@code :}, is {@code localhost}, or has
 *       an uppercase letter; otherwise the registry is {@code docker.io};
 *   <li>{@code index.docker.io} and {@code registry-1.docker.io} are {@code docker.io};
 *   <li>on {@code docker.io} a one-component path is under {@code library/} ({@code nginx} is
 *       {@code docker.io/library/nginx});
 *   <li>without tag and digest the tag is {@code latest}; a digest alone stays digest-only, and a tag with a digest
 *       keeps both (the digest decides what is pulled).
 * </ul>
 *
 * <p>Inside Airlock's registry an upstream image lives under its full name, {@link #mirrorRepository()}: the
 * registry host followed by the path ({@code docker.io/library/nginx}, {@code registry.k8s.io/pause}), so that two
 * upstreams with the same path never collide. A port becomes {@code _port} ({@code localhost:5000/app} is stored as
 * {@code localhost_5000/app}), since a repository name cannot hold a colon and no host name holds an underscore.
 *
 * @param registry the registry host, with its port when it has one, e.g. {@code docker.io}, {@code localhost:5000}
 * @param path the repository path on that registry, e.g. {@code library/nginx}
 * @param tag the tag, or null when the reference is by digest only
 * @param digest the manifest digest ({@code sha256:...}), or null
 */
public record ImageReference(String registry, String path, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final int MAX_NAME_LENGTH = 255;
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[a-fA-F0-9:]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[a-f0-9]{128}");

    public ImageReference {
        if (registry == null || path == null || (tag == null && digest == null)) {
            throw new IllegalArgumentException("an image reference has a registry, a path and a tag or digest");
        }
    }

    /**
     * Parses and normalizes {@code reference}.
     *
     * @throws InvalidImageReferenceException naming what is wrong: empty, uppercase in the path, a bad component, tag
     *     or digest, a name over 255 characters
     */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidImageReferenceException(reference, "empty");
        }
        String s = reference.strip();
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidImageReferenceException(reference, "contains white space");
        }
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidImageReferenceException(reference, "malformed digest \"" + digest + "\"");
            }
            if (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches()
                    || digest.startsWith("sha512:") && !SHA512.matcher(digest).matches()) {
                throw new InvalidImageReferenceException(
                        reference, "a " + digest.substring(0, 6) + " digest is lowercase hex of its full length");
            }
        }
        String tag = null;
        int lastSlash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidImageReferenceException(reference, "malformed tag \"" + tag + "\"");
            }
        }
        if (s.isEmpty()) {
            throw new InvalidImageReferenceException(reference, "no repository name");
        }
        String registry;
        String path;
        int slash = s.indexOf('/');
        String first = slash < 0 ? null : s.substring(0, slash);
        if (first != null
                && (first.contains(".")
                        || first.contains(":")
                        || first.equals("localhost")
                        || !first.toLowerCase(Locale.ROOT).equals(first))) {
            registry = normalizeRegistry(first, reference);
            path = s.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = s;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        checkPath(path, reference);
        if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw new InvalidImageReferenceException(reference, "name longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /**
     * The registry host as containerd names it in {@code ?ns=} and in {@code certs.d}: Docker Hub's aliases are
     * {@code docker.io}, host names are lowercase.
     *
     * @throws InvalidImageReferenceException when {@code host} is not {@code host[:port]}
     */
    public static String normalizeRegistry(String host, String context) {
        String h = host;
        String port = null;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            h = host.substring(0, colon);
            port = host.substring(colon + 1);
            if (!PORT.matcher(port).matches()) {
                throw new InvalidImageReferenceException(context, "malformed registry port \"" + port + "\"");
            }
        }
        if (!HOST.matcher(h).matches()) {
            throw new InvalidImageReferenceException(context, "malformed registry host \"" + host + "\"");
        }
        h = h.toLowerCase(Locale.ROOT);
        if (port == null && (h.equals("index.docker.io") || h.equals("registry-1.docker.io"))) {
            h = DOCKER_HUB;
        }
        return port == null ? h : h + ":" + port;
    }

    /**
     * The repository inside Airlock's registry for {@code path} on {@code registry} (an upstream host as containerd
     * sends it in {@code ?ns=}): {@code docker.io/library/nginx}; a port is {@code _port}. The path is taken as sent
     * (containerd has already applied Docker Hub's {@code library/} rule).
     *
     * @throws InvalidImageReferenceException when the registry or the path is malformed
     */
    public static String mirrorRepository(String registry, String path) {
        String host = normalizeRegistry(registry, registry + "/" + path);
        checkPath(path, registry + "/" + path);
        return host.replace(':', '_').replace("[", "").replace("]", "") + "/" + path;
    }

    /** This image's repository inside Airlock's registry, e.g. {@code docker.io/library/nginx}. */
    public String mirrorRepository() {
        return mirrorRepository(registry, path);
    }

    /** {@code registry/path}, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return registry + "/" + path;
    }

    public Optional<String> tagOption() {
        return Optional.ofNullable(tag);
    }

    public Optional<String> digestOption() {
        return Optional.ofNullable(digest);
    }

    /** What a pull asks the registry for: the digest when there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** The same image pinned to {@code manifestDigest}, keeping the tag. */
    public ImageReference withDigest(String manifestDigest) {
        return new ImageReference(registry, path, tag, manifestDigest);
    }

    /** The canonical spelling: {@code docker.io/library/nginx:1.25}, {@code ...@sha256:...}, or both. */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    private static void checkPath(String path, String reference) {
        if (path.isEmpty()) {
            throw new InvalidImageReferenceException(reference, "no repository path");
        }
        if (!path.toLowerCase(Locale.ROOT).equals(path)) {
            throw new InvalidImageReferenceException(reference, "repository name must be lowercase");
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidImageReferenceException(reference, "malformed path component \"" + component + "\"");
            }
        }
    }
}
