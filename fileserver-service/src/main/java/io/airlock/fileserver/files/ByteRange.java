package io.airlock.fileserver.files;

import java.util.Optional;

/**
 * One satisfiable byte range of a file of known size.
 *
 * @param offset first byte
 * @param length number of bytes (at least 1)
 */
public record ByteRange(long offset, long length) {

    /** The outcome of reading a {@code Range} header against a file size. */
    public sealed interface Parsed {}

    /** No usable single range: serve the whole file (absent, malformed, multi-range or non-byte unit). */
    public record Whole() implements Parsed {}

    /** A valid range that lies entirely past the end of the file: 416. */
    public record Unsatisfiable() implements Parsed {}

    /** Serve exactly this part: 206. */
    public record Part(ByteRange range) implements Parsed {}

    /**
     * Reads a {@code Range} header (RFC 9110 §14.1.2) for a file of {@code size} bytes. Only single ranges are served
     * partially; a multi-range request gets the whole file, which the RFC allows.
     */
    public static Parsed parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String h = header.get().strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        try {
            if (first.isEmpty()) { // suffix range: the last N bytes
                long n = parseDigits(last);
                if (n == 0) {
                    return new Unsatisfiable();
                }
                if (size == 0) {
                    return new Unsatisfiable();
                }
                long len = Math.min(n, size);
                return new Part(new ByteRange(size - len, len));
            }
            long start = parseDigits(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : parseDigits(last);
            if (end < start) {
                return new Whole(); // syntactically invalid: ignored
            }
            if (start >= size) {
                return new Unsatisfiable();
            }
            long endInclusive = Math.min(end, size - 1);
            return new Part(new ByteRange(start, endInclusive - start + 1));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    private static long parseDigits(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s);
    }

    /** The {@code Content-Range} value of this part of a file of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
