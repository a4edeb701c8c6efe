package io.airlock.fileserver.files;

import io.airlock.storage.ByteRanges;
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
     * Reads a {@code Range} header (RFC 9110 §14.1.2, parsed by {@link ByteRanges}) for a file of {@code size} bytes.
     * Only single ranges are served partially; a multi-range or malformed request gets the whole file, which the RFC
     * allows.
     */
    public static Parsed parse(Optional<String> header, long size) {
        ByteRanges.Parsed parsed = ByteRanges.range(header.orElse(null), size);
        if (parsed instanceof ByteRanges.Span span) {
            return new Part(new ByteRange(span.offset(), span.length()));
        }
        return parsed instanceof ByteRanges.Unsatisfiable ? new Unsatisfiable() : new Whole();
    }

    /** The {@code Content-Range} value of this part of a file of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }
}
