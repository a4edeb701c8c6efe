package io.airlock.catalog.domain;

import java.util.regex.Pattern;

/** A content digest as OCI writes it: {@code sha256:} and 64 lowercase hex characters. */
public record Digest(String value) {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    public Digest {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new CatalogException(
                    CatalogError.INVALID_DIGEST,
                    "digest must be 'sha256:' followed by 64 lowercase hex characters, got "
                            + (value == null ? "nothing" : "'" + abbreviate(value) + "'"));
        }
    }

    public static Digest sha256Hex(String hex) {
        return new Digest("sha256:" + hex);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Override
    public String toString() {
        return value;
    }
}
