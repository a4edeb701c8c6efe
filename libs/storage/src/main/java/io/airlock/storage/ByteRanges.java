package io.airlock.storage;

import java.util.Optional;

/**
 * The byte ranges of HTTP, read once for every service: a download's {@code Range} header (RFC 9110 §14.1.2, one
 * range) and an upload chunk's {@code Content-Range} ({@code <first>-<last>}, inclusive, as registry clients send it).
 * The parser only says what the header means; each protocol decides how to answer what it cannot serve (the file
 * server sends the whole file for a range it does not understand, a registry answers 416).
 */
public final class ByteRanges {
    private static final int MAX_DIGITS = 18; // any longer number would overflow a long

    private ByteRanges() {}

    /** What a {@code Range} header asks of a body of known size. */
    public sealed interface Parsed {}

    /** No {@code Range} header (or a blank one). */
    public record Absent() implements Parsed {}

    /** Not one well-formed byte range: malformed, several ranges, another unit, or last before first. */
    public record Invalid() implements Parsed {}

    /** A well-formed range that lies wholly past the end of the body (or any range of an empty body). */
    public record Unsatisfiable() implements Parsed {}

    /**
     * Exactly these bytes.
     *
     * @param offset the first byte
     * @param length how many (at least 1)
     */
    public record Span(long offset, long length) implements Parsed {
        /** The last byte, inclusive. */
        public long last() {
            return offset + length - 1;
        }

        /** The {@code Content-Range} value of this part of a body of {@code size} bytes. */
        public String contentRange(long size) {
            return "bytes " + offset + "-" + last() + "/" + size;
        }
    }

    /**
     * Reads a {@code Range} header for a body of {@code size} bytes. The unit is case-insensitive and blanks around the
     * numbers are allowed; a suffix range ({@code bytes=-N}) asks for the last N bytes; a last byte past the end is cut
     * to the end.
     */
    public static Parsed range(String header, long size) {
        if (header == null || header.isBlank()) {
            return new Absent();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Invalid();
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.contains(",")) {
            return new Invalid();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        Optional<Long> from = digits(first);
        Optional<Long> to = digits(last);
        if (first.isEmpty()) { // suffix: the last N bytes
            if (to.isEmpty()) {
                return new Invalid();
            }
            long n = to.get();
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            long length = Math.min(n, size);
            return new Span(size - length, length);
        }
        if (from.isEmpty() || (!last.isEmpty() && to.isEmpty())) {
            return new Invalid();
        }
        long start = from.get();
        long end = last.isEmpty() ? Long.MAX_VALUE : to.get();
        if (end < start) {
            return new Invalid();
        }
        if (start >= size) {
            return new Unsatisfiable();
        }
        return new Span(start, Math.min(end, size - 1) - start + 1);
    }

    /**
     * Reads the {@code Content-Range} of an upload chunk: {@code <first>-<last>}, optionally after {@code bytes } or
     * {@code bytes=} and followed by {@code /<size>} or {@code /*}. Empty when malformed or when last is before first.
     */
    public static Optional<Span> chunk(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "bytes", 0, 5) && h.length() > 5 && (h.charAt(5) == ' ' || h.charAt(5) == '=')) {
            h = h.substring(6);
        }
        int slash = h.indexOf('/');
        if (slash >= 0) {
            String total = h.substring(slash + 1);
            if (!total.equals("*") && digits(total).isEmpty()) {
                return Optional.empty();
            }
            h = h.substring(0, slash);
        }
        int dash = h.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Optional<Long> first = digits(h.substring(0, dash));
        Optional<Long> last = digits(h.substring(dash + 1));
        if (first.isEmpty() || last.isEmpty() || last.get() < first.get()) {
            return Optional.empty();
        }
        return Optional.of(new Span(first.get(), last.get() - first.get() + 1));
    }

    /** A non-negative decimal of at most 18 digits, nothing else (no sign, no blanks). */
    private static Optional<Long> digits(String s) {
        if (s.isEmpty() || s.length() > MAX_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
