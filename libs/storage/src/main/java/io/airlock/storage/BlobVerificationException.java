package io.airlock.storage;

/** Content did not match what the writer claimed (size or digest); nothing was published. */
public class BlobVerificationException extends StorageException {
    public enum Reason {
        SIZE_MISMATCH,
        DIGEST_MISMATCH
    }

    private final Reason reason;

    public BlobVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
