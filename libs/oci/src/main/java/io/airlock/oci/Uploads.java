package io.airlock.oci;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobVerificationException;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blob uploads into a registry (kept apart from reads, as distribution keeps its blob writer): a whole blob in one
 * request, or a resumable session of chunks. A session lives in the store ({@code _uploads/<id>/}, see
 * {@link RegistryLayout}) and nowhere else, so a chunk may go to any replica and the next to another. A blob becomes
 * visible in its repository only once its whole content was verified against its digest.
 */
public final class Uploads {
    private final BlobStore store;
    private final Clock clock;
    private final StoreDocuments documents;
    private final BlobWriter writer;

    Uploads(BlobStore store, Clock clock, StoreDocuments documents, BlobWriter writer) {
        this.store = store;
        this.clock = clock;
        this.documents = documents;
        this.writer = writer;
    }

    /** Opens an upload session in {@code repo}. */
    public UploadStatus startUpload(RepositoryName repo) throws IOException {
        String id = UUID.randomUUID().toString();
        documents.putJson(RegistryLayout.uploadSession(id), new UploadSession(repo.value(), clock.instant()));
        return new UploadStatus(repo, id, 0);
    }

    /**
     * A whole blob in one request ({@code POST ?digest=} or a PUT that completes an empty session): streamed to its
     * content address and verified on the way.
     *
     * @param length the declared length, or -1 when unknown
     */
    public BlobInfo putBlob(RepositoryName repo, Digest digest, InputStream content, long length) throws IOException {
        BlobInfo info = writer.write(digest, content, length);
        writer.link(repo, digest);
        return info;
    }

    /** Where the upload stands. */
    public UploadStatus uploadStatus(RepositoryName repo, String id) throws IOException {
        requireSession(repo, id);
        return new UploadStatus(repo, id, receivedSize(chunks(id)));
    }

    /**
     * Appends a chunk. When the client says where it starts ({@code Content-Range}), it must start exactly where the
     * upload stands, else 416 (out-of-order chunk).
     *
     * @param rangeStart the first byte's offset from {@code Content-Range}, if given
     * @param rangeEnd the last byte's offset from {@code Content-Range}, if given
     * @param length the declared length (Content-Length), or -1 when unknown
     */
    public UploadStatus appendChunk(
            RepositoryName repo,
            String id,
            OptionalLong rangeStart,
            OptionalLong rangeEnd,
            InputStream content,
            long length)
            throws IOException {
        requireSession(repo, id);
        long size = receivedSize(chunks(id));
        if (rangeStart.isPresent() && rangeStart.getAsLong() != size) {
            throw new OciException(
                    OciError.BLOB_UPLOAD_INVALID,
                    "chunk starts at " + rangeStart.getAsLong() + " but the upload has " + size + " bytes",
                    416);
        }
        long expected = length;
        if (rangeStart.isPresent() && rangeEnd.isPresent()) {
            long rangeLength = rangeEnd.getAsLong() - rangeStart.getAsLong() + 1;
            if (length >= 0 && length != rangeLength) {
                throw new OciException(
                        OciError.SIZE_INVALID,
                        "Content-Range covers " + rangeLength + " bytes but Content-Length is " + length);
            }
            expected = rangeLength;
        }
        if (expected == 0) {
            return new UploadStatus(repo, id, size);
        }
        try {
            BlobInfo chunk = store.put(
                    RegistryLayout.uploadChunk(id, size),
                    content,
                    expected >= 0 ? Expectation.of(expected, null) : Expectation.none());
            return new UploadStatus(repo, id, size + chunk.size());
        } catch (BlobVerificationException e) {
            throw new OciException(OciError.SIZE_INVALID, e.getMessage());
        }
    }

    /**
     * Completes an upload: the last chunk (may be empty) is appended, every chunk is streamed in order to the blob's
     * content address while its digest is verified, and the session is removed.
     *
     * @param length the last chunk's declared length, or -1 when unknown
     */
    public BlobInfo completeUpload(RepositoryName repo, String id, Digest digest, InputStream lastChunk, long length)
            throws IOException {
        requireSession(repo, id);
        List<Entry.File> chunks = chunks(id);
        BlobInfo info;
        if (chunks.isEmpty()) {
            info = writer.write(digest, lastChunk, length);
        } else {
            if (length != 0) {
                appendChunk(repo, id, OptionalLong.empty(), OptionalLong.empty(), lastChunk, length);
                chunks = chunks(id);
            }
            long total = receivedSize(chunks);
            try (InputStream all = concatenation(chunks)) {
                info = writer.write(digest, all, total);
            }
        }
        writer.link(repo, digest);
        removeUpload(id);
        return info;
    }

    /** Drops an upload session and what it received. */
    public void cancelUpload(RepositoryName repo, String id) throws IOException {
        requireSession(repo, id);
        removeUpload(id);
    }

    private void removeUpload(String id) throws IOException {
        for (Entry.File chunk : chunks(id)) {
            store.delete(chunk.key());
        }
        store.delete(RegistryLayout.uploadSession(id));
    }

    private UploadSession requireSession(RepositoryName repo, String id) throws IOException {
        if (id == null || !id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new OciException(OciError.BLOB_UPLOAD_UNKNOWN, "no such upload");
        }
        Optional<UploadSession> session = documents.readJson(RegistryLayout.uploadSession(id), UploadSession.class);
        if (session.isEmpty() || !session.get().repository().equals(repo.value())) {
            throw new OciException(OciError.BLOB_UPLOAD_UNKNOWN, "no upload " + id + " in " + repo);
        }
        return session.get();
    }

    private List<Entry.File> chunks(String id) throws IOException {
        String session = RegistryLayout.uploadSession(id);
        try (Stream<Entry> entries = store.list(RegistryLayout.uploadDir(id), false)) {
            return entries.filter(e -> e instanceof Entry.File && !e.key().equals(session))
                    .map(Entry.File.class::cast)
                    .toList();
        }
    }

    private static long receivedSize(List<Entry.File> chunks) {
        return chunks.stream().mapToLong(Entry.File::size).sum();
    }

    /** The chunks one after the other, each opened only when the previous one is used up. */
    private InputStream concatenation(List<Entry.File> chunks) {
        Iterator<Entry.File> it = chunks.iterator();
        Enumeration<InputStream> streams = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                Entry.File chunk = it.next();
                try {
                    BlobInfo info = store.stat(chunk.key())
                            .orElseThrow(() ->
                                    new OciException(OciError.BLOB_UPLOAD_INVALID, "a chunk of the upload vanished"));
                    return store.open(info, 0, info.size());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return new SequenceInputStream(streams) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };
    }
}
