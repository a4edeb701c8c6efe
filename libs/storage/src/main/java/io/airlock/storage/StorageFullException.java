package io.airlock.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * The backend has no room left for the content (a full disk or quota); nothing was stored and the previous version
 * is intact. Retrying helps once space is freed, so services answer 507 Insufficient Storage where they map it, and
 * 503 with Retry-After (as any {@link StorageUnavailableException}) where they don't — never a 500.
 */
public class StorageFullException extends StorageUnavailableException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code e} as a {@link StorageFullException} when it reports a full disk or an exceeded quota (ENOSPC, EDQUOT:
     * Java only carries them in the message), else {@code e} itself.
     */
    public static IOException ifNoSpace(IOException e) {
        if (e instanceof StorageException) {
            return e;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : null;
        if (isNoSpace(e.getMessage()) || isNoSpace(reason)) {
            return new StorageFullException("no space left in storage (" + e.getMessage() + ")", e);
        }
        return e;
    }

    private static boolean isNoSpace(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("no space left on device") || m.contains("disk quota exceeded");
    }
}
