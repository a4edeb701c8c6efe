package io.airlock.oci.rest;

import io.airlock.oci.Registry;
import io.airlock.storage.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bytes of a blob or manifest that {@link RegistryOperations} has found and let the caller see: the only way the
 * resources reach stored bytes.
 */
public final class Content {
    private final Registry registry;
    private final BlobInfo blob;

    Content(Registry registry, BlobInfo blob) {
        this.registry = registry;
        this.blob = blob;
    }

    public long size() {
        return blob.size();
    }

    /** A local file with these bytes, when the store has one (sent by the kernel, zero copy). */
    public Optional<Path> localFile() {
        return registry.localFile(blob);
    }

    public InputStream open(long offset, long length) throws IOException {
        return registry.open(blob, offset, length);
    }
}
