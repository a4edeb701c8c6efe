package io.airlock.storage;

/** The version a reader asked for is gone: deleted or replaced since it was looked up. Stat again and retry. */
public class BlobChangedException extends StorageException {
    public BlobChangedException(String key) {
        super("blob changed while being read: " + key);
    }
}
