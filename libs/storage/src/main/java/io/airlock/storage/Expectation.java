package io.airlock.storage;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What the writer claims about content it hands to {@link BlobStore#put}; the store refuses content that does not
 * match.
 *
 * @param size exact size in bytes, if known
 * @param sha256 lowercase hex sha256, if known
 */
public record Expectation(OptionalLong size, Optional<String> sha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Expectation NONE = new Expectation(OptionalLong.empty(), Optional.empty());

    public Expectation {
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("expected size must not be negative");
        }
        sha256 = sha256.map(s -> s.toLowerCase(Locale.ROOT));
        if (sha256.isPresent() && !SHA256_HEX.matcher(sha256.get()).matches()) {
            throw new IllegalArgumentException("expected sha256 must be 64 hex digits");
        }
    }

    public static Expectation none() {
        return NONE;
    }

    /** Either argument may be null (size may be negative) for "unknown". */
    public static Expectation of(Long size, String sha256) {
        return new Expectation(
                size == null || size < 0 ? OptionalLong.empty() : OptionalLong.of(size), Optional.ofNullable(sha256));
    }
}
