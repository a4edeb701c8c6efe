package io.airlock.fileserver.files;

import java.util.Locale;
import java.util.Map;

/** Content-Type from a file name's extension; what the hosted artifacts need, and a safe default. */
public final class ContentTypes {
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("zip", "application/zip"),
            Map.entry("jar", "application/java-archive"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("zst", "application/zstd"),
            Map.entry("xz", "application/x-xz"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("sha256", "text/plain; charset=utf-8"),
            Map.entry("sha512", "text/plain; charset=utf-8"),
            Map.entry("asc", "application/pgp-signature"),
            Map.entry("sig", "application/octet-stream"),
            Map.entry("pem", "application/x-pem-file"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("ko", "application/octet-stream"),
            Map.entry("o", "application/octet-stream"));

    private ContentTypes() {}

    public static String forName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
