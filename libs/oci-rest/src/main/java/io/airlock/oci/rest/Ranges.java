package io.airlock.oci.rest;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.storage.ByteRanges;
import java.util.Optional;

/** The registry's answers to range headers, parsed by {@link ByteRanges}. */
public final class Ranges {
    private Ranges() {}

    /**
     * The bytes a blob GET's {@code Range} asks for: empty without one; 416 (SIZE_INVALID) for a range this registry
     * cannot serve, malformed or several ranges included (a registry client asks for one range or none).
     */
    public static Optional<ByteRanges.Span> blob(String header, long size) {
        ByteRanges.Parsed parsed = ByteRanges.range(header, size);
        if (parsed instanceof ByteRanges.Absent) {
            return Optional.empty();
        }
        if (parsed instanceof ByteRanges.Span span) {
            return Optional.of(span);
        }
        throw new OciException(
                OciError.SIZE_INVALID, "range " + header.strip() + " cannot be served from " + size + " bytes", 416);
    }

    /**
     * The bytes an upload chunk's {@code Content-Range} says it carries: empty without one; BLOB_UPLOAD_INVALID (400)
     * when malformed or backwards.
     */
    public static Optional<ByteRanges.Span> chunk(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ByteRanges.chunk(header)
                .orElseThrow(
                        () -> new OciException(OciError.BLOB_UPLOAD_INVALID, "malformed Content-Range: " + header)));
    }
}
