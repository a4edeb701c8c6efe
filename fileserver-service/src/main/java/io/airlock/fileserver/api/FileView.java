package io.airlock.fileserver.api;

import io.airlock.storage.BlobInfo;
import java.time.Instant;

/** What the server answers about one stored file (after an upload, and in JSON listings). */
public record FileView(String path, long size, String sha256, String sha512, Instant lastModified) {
    static FileView of(String urlPath, BlobInfo info) {
        return new FileView(urlPath, info.size(), info.sha256(), info.sha512(), info.lastModified());
    }
}
