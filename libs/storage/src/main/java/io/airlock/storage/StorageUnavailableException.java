package io.airlock.storage;

/** The backend could not be reached or refused service; the operation may succeed when retried later. */
public class StorageUnavailableException extends StorageException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
