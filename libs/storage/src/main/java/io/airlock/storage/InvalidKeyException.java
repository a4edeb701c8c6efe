package io.airlock.storage;

/** A key that {@link BlobKeys} refuses; callers answer it as a bad request. */
public class InvalidKeyException extends IllegalArgumentException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
