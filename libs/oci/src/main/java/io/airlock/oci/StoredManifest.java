package io.airlock.oci;

import io.airlock.storage.BlobInfo;

/**
 * A manifest as a repository holds it.
 *
 * @param digest its digest
 * @param mediaType the media type it is served with
 * @param blob where its bytes are (size = Content-Length)
 */
public record StoredManifest(Digest digest, String mediaType, BlobInfo blob) {
    public long size() {
        return blob.size();
    }
}
