package io.airlock.falco.artifacts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version {@code X.Y.Z[-pre][+build]} as Falco artifacts are versioned, ordered by precedence. */
public record SemVer(int major, int minor, int patch, String preRelease) implements Comparable<SemVer> {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    public static Optional<SemVer> parse(String value) {
        Matcher m = value == null ? null : SEMVER.matcher(value);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemVer(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                m.group(4) == null ? "" : m.group(4)));
    }

    /** The tags that name this version: {@code X.Y.Z}, and for a release (no pre-release) {@code X.Y} and {@code X}. */
    public String full() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }

    public String minorAlias() {
        return major + "." + minor;
    }

    public String majorAlias() {
        return Integer.toString(major);
    }

    public boolean isRelease() {
        return preRelease.isEmpty();
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0) { // a release outranks its pre-releases
            if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
                c = Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
            } else {
                c = preRelease.compareTo(o.preRelease);
            }
        }
        return c;
    }
}
