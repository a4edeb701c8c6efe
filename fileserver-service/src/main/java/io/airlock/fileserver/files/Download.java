package io.airlock.fileserver.files;

import io.airlock.storage.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** What a GET or HEAD of a file path resolves to; the resource turns each case into one HTTP answer. */
public sealed interface Download {

    /** No such file: a plain 404. */
    record NotFound() implements Download {}

    /** The client's copy is current: 304. */
    record NotModified(BlobInfo info) implements Download {}

    /** The requested range starts past the end: 416 with {@code Content-Range: bytes * /size}. */
    record Unsatisfiable(BlobInfo info) implements Download {}

    /**
     * Bytes to send: the whole file ({@code range} empty, 200) or one range (206). Where they come from is decided
     * only when a body is really sent ({@link FileService#body}), so a HEAD never fetches content.
     */
    record Content(BlobInfo info, String contentType, Optional<ByteRange> range) implements Download {
        public long offset() {
            return range.map(ByteRange::offset).orElse(0L);
        }

        public long length() {
            return range.map(ByteRange::length).orElse(info.size());
        }
    }

    /** Small generated text, e.g. a {@code .sha512} checksum line. */
    record Generated(String text, String contentType, String etag, BlobInfo source) implements Download {}

    /** Where the bytes of a {@link Content} come from: a local immutable file (zero copy) or a stream. */
    sealed interface Body {}

    /** An immutable local file: offset and length come from the {@link Content}. */
    record LocalFile(Path path) implements Body {}

    /** A stream of exactly the content's range, opened when the response is written. */
    record Streamed(Opener opener) implements Body {}

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
