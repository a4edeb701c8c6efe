package io.airlock.storage;

import java.io.IOException;

/** Base of the failures a {@link BlobStore} reports; each subclass tells the caller what to answer. */
public class StorageException extends IOException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
