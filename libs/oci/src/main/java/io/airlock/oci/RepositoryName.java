package io.airlock.oci;

import java.util.regex.Pattern;

/**
 * A repository name ({@code aquasecurity/trivy-db}): path components of lowercase alphanumerics joined by {@code .},
 * {@code _}, {@code __} or runs of {@code -}, separated by {@code /}; at most 255 characters. Components never start
 * with {@code _}, which is what lets the storage layout put {@code _manifests} and friends beside them.
 */
public record RepositoryName(String value) {
    public static final int MAX_LENGTH = 255;
    private static final Pattern GRAMMAR =
            Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    public RepositoryName {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LENGTH
                || !GRAMMAR.matcher(value).matches()) {
            throw new OciException(OciError.NAME_INVALID, "invalid repository name: " + abbreviate(value));
        }
    }

    public static RepositoryName parse(String value) {
        return new RepositoryName(value);
    }

    /** The last path component, e.g. {@code trivy-db} for {@code aquasecurity/trivy-db}. */
    public String lastComponent() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
