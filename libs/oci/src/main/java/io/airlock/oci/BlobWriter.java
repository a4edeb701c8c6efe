package io.airlock.oci;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobVerificationException;
import io.airlock.storage.Expectation;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The one way bytes become a blob: written to their content address while their digest and size are verified, then
 * linked into a repository. Uploads (monolithic or chunked) and manifest pushes both end here.
 */
final class BlobWriter {
    private final BlobStore store;
    private final StoreDocuments documents;

    BlobWriter(BlobStore store, StoreDocuments documents) {
        this.store = store;
        this.documents = documents;
    }

    /**
     * Streams content to {@code blobs/<alg>/<hex>}, verifying size and digest on the way; when the blob is already
     * there the content is only verified, so a blob is never rewritten under readers.
     */
    BlobInfo write(Digest digest, InputStream content, long length) throws IOException {
        String key = RegistryLayout.blob(digest);
        Optional<BlobInfo> existing = store.stat(key);
        try {
            if (existing.isPresent()) {
                VerifyingInputStream.drainAndVerify(content, digest, length);
                return existing.get();
            }
            VerifyingInputStream verifying = new VerifyingInputStream(content, digest, length);
            String sha256 = Digest.SHA256.equals(digest.algorithm()) ? digest.hex() : null;
            BlobInfo info = store.put(key, verifying, Expectation.of(length, sha256));
            String stored = Digest.SHA256.equals(digest.algorithm()) ? info.sha256() : info.sha512();
            if (!stored.equals(digest.hex())) { // the store stopped before the end of the stream: check its digests
                store.delete(key);
                throw new OciException(OciError.DIGEST_INVALID, "content does not match " + digest);
            }
            return info;
        } catch (VerifyingInputStream.ContentMismatchException e) {
            throw e.refusal();
        } catch (BlobVerificationException e) {
            throw new OciException(
                    e.reason() == BlobVerificationException.Reason.SIZE_MISMATCH
                            ? OciError.SIZE_INVALID
                            : OciError.DIGEST_INVALID,
                    e.getMessage());
        }
    }

    /** Makes the blob visible in {@code repo} (its bytes must be at their content address). */
    void link(RepositoryName repo, Digest digest) throws IOException {
        documents.putSmall(RegistryLayout.layerLink(repo, digest), digest.toString());
    }
}
