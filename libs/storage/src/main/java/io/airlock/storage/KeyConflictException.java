package io.airlock.storage;

/** A key cannot be stored because a file stands where a directory is needed, or the other way round. */
public class KeyConflictException extends StorageException {
    public KeyConflictException(String message) {
        super(message);
    }
}
