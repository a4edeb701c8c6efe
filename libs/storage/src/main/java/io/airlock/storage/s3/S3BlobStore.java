package io.airlock.storage.s3;

import io.airlock.storage.BackendReads;
import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobKeys;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobVerificationException;
import io.airlock.storage.DigestingInputStream;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import io.airlock.storage.StorageException;
import io.airlock.storage.StorageUnavailableException;
import io.airlock.storage.Streams;
import io.minio.BucketExistsArgs;
import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link BlobStore} on an S3 API server (MinIO in production) through minio-java. Layout in the bucket:
 *
 * <pre>
 * &lt;prefix&gt;objects/&lt;key&gt;   the published content; user metadata sha256 and sha512
 * &lt;prefix&gt;uploads/&lt;random&gt; content being written; never visible as a key
 * </pre>
 *
 * <p>A put streams to {@code uploads/}, verifies size and digests, then copies server-side to {@code objects/<key>}
 * with the digests as metadata (one atomic S3 operation), and removes the upload. Reads pin the version by ETag
 * ({@code If-Match}), so a concurrent replacement yields {@link BlobChangedException}, never mixed bytes.
 *
 * <p>Objects placed in {@code objects/} by other tools (without digest metadata) are adopted on first stat: read once
 * to compute their digests, which are then stored as their metadata.
 */
public final class S3BlobStore implements BlobStore {
    static final String META_SHA256 = "airlock-sha256";
    static final String META_SHA512 = "airlock-sha512";
    /** Multipart part size for content of unknown length: bounds the client's buffer per concurrent upload. */
    private static final long PART_SIZE = 16L * 1024 * 1024;
    /** Largest object a single server-side copy may produce; larger ones are composed from parts. */
    private static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;
    private final String objects;
    private final String uploads;
    private final String endpoint;
    private final BackendReads reads;

    /**
     * A client for {@code endpoint} whose connects give up after {@code connectTimeout} and whose reads and writes
     * give up when the server stalls for {@code ioTimeout} (then {@link StorageUnavailableException}, a 503), instead
     * of holding a worker thread for minio's default five minutes.
     */
    public static MinioClient client(
            String endpoint,
            String region,
            java.util.Optional<String> accessKey,
            java.util.Optional<String> secretKey,
            java.time.Duration connectTimeout,
            java.time.Duration ioTimeout) {
        MinioClient.Builder builder = MinioClient.builder().endpoint(endpoint).region(region);
        accessKey.ifPresent(key -> builder.credentials(key, secretKey.orElse("")));
        MinioClient client = builder.build();
        client.setTimeout(connectTimeout.toMillis(), ioTimeout.toMillis(), ioTimeout.toMillis());
        return client;
    }

    public S3BlobStore(MinioClient client, String endpoint, String bucket, String prefix, boolean createBucket)
            throws IOException {
        this(client, endpoint, bucket, prefix, createBucket, BackendReads.S3);
    }

    /** @param reads counts every byte read from object storage (the process-wide {@link BackendReads#S3} by default) */
    public S3BlobStore(
            MinioClient client, String endpoint, String bucket, String prefix, boolean createBucket, BackendReads reads)
            throws IOException {
        this.client = client;
        this.reads = reads;
        this.endpoint = endpoint;
        this.bucket = bucket;
        String base = prefix == null || prefix.isEmpty() ? "" : BlobKeys.requireValidPrefix(prefix);
        this.objects = base + "objects/";
        this.uploads = base + "uploads/";
        if (createBucket) {
            call(() -> {
                if (!client.bucketExists(
                        BucketExistsArgs.builder().bucket(bucket).build())) {
                    try {
                        client.makeBucket(
                                MakeBucketArgs.builder().bucket(bucket).build());
                    } catch (ErrorResponseException e) {
                        // Another store of this process (a service opens one per prefix, on start threads of their
                        // own) or another replica created it between the check and the create: that is success.
                        if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                            throw e;
                        }
                    }
                }
                return null;
            });
        }
    }

    @Override
    public BlobInfo put(String key, InputStream content, Expectation expected) throws IOException {
        BlobKeys.requireValid(key);
        String upload = uploads + UUID.randomUUID();
        DigestingInputStream digesting = new DigestingInputStream(content, expected.size());
        try {
            long size = expected.size().orElse(-1);
            try {
                call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(upload).stream(
                                digesting, size, size < 0 ? PART_SIZE : -1)
                        .build()));
            } catch (IOException e) {
                if (digesting.sourceFailure() != null) {
                    throw digesting.sourceFailure();
                }
                if (e instanceof BlobVerificationException) {
                    throw e;
                }
                if (size >= 0 && digesting.count() < size && digesting.read() < 0) { // the content ended early
                    throw new BlobVerificationException(
                            BlobVerificationException.Reason.SIZE_MISMATCH,
                            "content has " + digesting.count() + " bytes, " + size + " were declared");
                }
                throw e;
            }
            if (size >= 0 && digesting.read() >= 0) { // minio stops after `size` bytes: is there more?
                throw new BlobVerificationException(
                        BlobVerificationException.Reason.SIZE_MISMATCH,
                        "content is longer than the declared " + size + " bytes");
            }
            DigestingInputStream.Digests d = digesting.verify(expected);
            publish(upload, objects + key, d.size(), Map.of(META_SHA256, d.sha256(), META_SHA512, d.sha512()));
            return stat(key).orElseThrow(() -> new StorageException("object vanished after publish: " + key));
        } finally {
            removeQuietly(upload);
        }
    }

    /** The one atomic step that makes content visible under its object name. */
    private void publish(String from, String to, long size, Map<String, String> metadata) throws IOException {
        call(() -> {
            if (size <= MAX_COPY_SIZE) {
                return client.copyObject(CopyObjectArgs.builder()
                        .bucket(bucket)
                        .object(to)
                        .source(CopySource.builder().bucket(bucket).object(from).build())
                        .metadataDirective(Directive.REPLACE)
                        .userMetadata(metadata)
                        .build());
            }
            return client.composeObject(ComposeObjectArgs.builder()
                    .bucket(bucket)
                    .object(to)
                    .sources(List.of(
                            ComposeSource.builder().bucket(bucket).object(from).build()))
                    .userMetadata(metadata)
                    .build());
        });
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        BlobKeys.requireValid(key);
        Optional<StatObjectResponse> st = statObject(objects + key);
        if (st.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> meta = st.get().userMetadata();
        String sha256 = meta.get(META_SHA256);
        String sha512 = meta.get(META_SHA512);
        if (sha256 == null || sha512 == null) {
            return Optional.of(adopt(key, st.get()));
        }
        return Optional.of(new BlobInfo(
                key,
                st.get().size(),
                sha256,
                sha512,
                st.get().lastModified().toInstant(),
                st.get().etag()));
    }

    /** Computes and records the digests of an object written by another tool. */
    private BlobInfo adopt(String key, StatObjectResponse st) throws IOException {
        DigestingInputStream.Digests d;
        try (InputStream in = reads.counting(call(() -> client.getObject(GetObjectArgs.builder()
                        .bucket(bucket)
                        .object(objects + key)
                        .matchETag(st.etag())
                        .build())));
                DigestingInputStream digesting = new DigestingInputStream(in, java.util.OptionalLong.empty())) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
            d = digesting.verify(Expectation.none());
        }
        publish(objects + key, objects + key, d.size(), Map.of(META_SHA256, d.sha256(), META_SHA512, d.sha512()));
        StatObjectResponse after = statObject(objects + key).orElseThrow(() -> new BlobChangedException(key));
        return new BlobInfo(
                key, after.size(), d.sha256(), d.sha512(), after.lastModified().toInstant(), after.etag());
    }

    private Optional<StatObjectResponse> statObject(String object) throws IOException {
        try {
            return Optional.of(call(() -> client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(object).build())));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** One GET (no HEAD first): the object's content is one version however often it is replaced meanwhile. */
    @Override
    public Optional<byte[]> readSmall(String key, int maxBytes) throws IOException {
        BlobKeys.requireValid(key);
        try (InputStream in = reads.counting(call(() -> client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(objects + key).build())))) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new StorageException(key + " has more than " + maxBytes + " bytes");
            }
            return Optional.of(content);
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(BlobInfo blob, long offset, long length) throws IOException {
        Streams.checkRange(blob, offset, length);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            return reads.counting(call(() -> client.getObject(GetObjectArgs.builder()
                    .bucket(bucket)
                    .object(objects + blob.key())
                    .offset(offset)
                    .length(length)
                    .matchETag(blob.version())
                    .build())));
        } catch (NotFound e) {
            throw new BlobChangedException(blob.key());
        }
    }

    @Override
    public Stream<Entry> list(String prefix, boolean recursive) throws IOException {
        BlobKeys.requireValidPrefix(prefix);
        Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(objects + prefix)
                .recursive(recursive)
                .build());
        Iterator<Result<Item>> it = results.iterator();
        Spliterator<Result<Item>> split = Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED);
        Stream<Entry> entries = StreamSupport.stream(split, false).map(r -> {
            try {
                Item item = call(r::get);
                String key = item.objectName().substring(objects.length());
                return item.isDir()
                        ? new Entry.Directory(key)
                        : new Entry.File(key, item.size(), item.lastModified().toInstant());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // S3 pages hold files, then sub-directories: one directory's entries are merged into key order here.
        return recursive ? entries : entries.sorted(Comparator.comparing(Entry::key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        BlobKeys.requireValid(key);
        if (statObject(objects + key).isEmpty()) {
            return false;
        }
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder()
                    .bucket(bucket)
                    .object(objects + key)
                    .build());
            return null;
        });
        return true;
    }

    @Override
    public String describe() {
        return "s3:" + endpoint + "/" + bucket + "/" + objects;
    }

    @Override
    public void ping() throws IOException {
        boolean exists = call(() ->
                client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        if (!exists) {
            throw new StorageException("bucket '" + bucket + "' does not exist");
        }
    }

    private void removeQuietly(String object) {
        try {
            client.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(object).build());
        } catch (Exception e) {
            // an abandoned upload is invisible; a lifecycle rule or a later sweep removes it
        }
    }

    /** "No such key" or a failed If-Match: the object (version) is not there. */
    private static final class NotFound extends StorageException {
        NotFound(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws Exception;
    }

    /** Runs a minio call and translates its many exceptions into the store's few. */
    private static <T> T call(S3Call<T> c) throws IOException {
        try {
            return c.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "PreconditionFailed".equals(code) || "NoSuchObject".equals(code)) {
                throw new NotFound(code);
            }
            int status = e.response() == null ? 0 : e.response().code();
            if (status == 404 && !"NoSuchBucket".equals(code)) {
                throw new NotFound(code);
            }
            if (status == 412) {
                throw new NotFound(code);
            }
            throw new StorageUnavailableException("object storage refused: " + code + " " + e.getMessage(), e);
        } catch (StorageException e) {
            throw e;
        } catch (IOException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof StorageException)) {
                cause = cause.getCause();
            }
            if (cause instanceof StorageException se) {
                throw se;
            }
            throw new StorageUnavailableException("object storage I/O failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageUnavailableException("object storage call failed: " + e.getMessage(), e);
        }
    }
}
