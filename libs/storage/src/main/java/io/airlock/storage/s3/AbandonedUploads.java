package io.airlock.storage.s3;

import io.airlock.storage.BlobKeys;
import io.airlock.storage.StorageUnavailableException;
import io.minio.ListMultipartUploadsResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.minio.messages.Upload;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;

/**
 * Removes what writers that died in the middle of a put left in {@link S3BlobStore}'s temporary area
 * {@code <prefix>uploads/}: incomplete multipart uploads (a put of more than one part: the parts stay in the bucket,
 * invisible but stored, until someone aborts the upload) and temporary objects, begun before a cutoff. A replica killed
 * mid-upload cannot clean up after itself; any replica may run this, and two running it at once do no harm.
 *
 * <p>The cutoff must lie further back than the longest upload takes (default 24 h, {@code
 * airlock.storage.s3.upload-max-age}): an upload older than that is taken for abandoned. Where the object store
 * supports bucket lifecycle rules, one on {@code *}{@code /uploads/} does the same job.
 *
 * <p>Listing multipart uploads is only offered by minio-java's asynchronous client, hence its own client.
 */
public final class AbandonedUploads {
    private final MinioAsyncClient client;
    private final String bucket;
    private final String uploads;

    /** @param prefix the same key prefix the {@link S3BlobStore} was given (the service's namespace plus "/") */
    public AbandonedUploads(MinioAsyncClient client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        String base = prefix == null || prefix.isEmpty() ? "" : BlobKeys.requireValidPrefix(prefix);
        this.uploads = base + "uploads/";
    }

    /** Aborts the multipart uploads and removes the temporary objects begun before {@code cutoff}; how many. */
    public int removeBefore(Instant cutoff) throws IOException {
        try {
            return abortMultipartUploads(cutoff) + removeTemporaryObjects(cutoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while sweeping " + uploads, e);
        } catch (ExecutionException e) {
            throw new StorageUnavailableException(
                    "sweeping " + uploads + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageUnavailableException("sweeping " + uploads + " failed: " + e.getMessage(), e);
        }
    }

    private int abortMultipartUploads(Instant cutoff) throws Exception {
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            ListMultipartUploadsResponse page = client.listMultipartUploadsAsync(
                            bucket, null, null, null, keyMarker, 1000, uploads, uploadIdMarker, null, null)
                    .get();
            for (Upload u : page.result().uploads()) {
                if (u.initiated() != null && u.initiated().toInstant().isBefore(cutoff)) {
                    client.abortMultipartUploadAsync(bucket, null, u.objectName(), u.uploadId(), null, null)
                            .get();
                    aborted++;
                }
            }
            if (!page.result().isTruncated() || page.result().nextKeyMarker() == null) {
                return aborted;
            }
            keyMarker = page.result().nextKeyMarker();
            uploadIdMarker = page.result().nextUploadIdMarker();
        }
    }

    private int removeTemporaryObjects(Instant cutoff) throws Exception {
        int removed = 0;
        Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(uploads)
                .recursive(true)
                .build());
        for (Result<Item> r : items) {
            Item item = r.get();
            if (!item.isDir() && item.lastModified().toInstant().isBefore(cutoff)) {
                client.removeObject(RemoveObjectArgs.builder()
                                .bucket(bucket)
                                .object(item.objectName())
                                .build())
                        .get();
                removed++;
            }
        }
        return removed;
    }
}
