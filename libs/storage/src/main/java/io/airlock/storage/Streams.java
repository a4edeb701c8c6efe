package io.airlock.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stream helpers shared by the backends. */
public final class Streams {
    /** Copy buffer: large enough for few syscalls, small enough that many concurrent copies stay cheap. */
    public static final int BUFFER_SIZE = 64 * 1024;

    private Streams() {}

    public static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    public static InputStream bounded(InputStream in, long limit) {
        return new BoundedInputStream(in, limit);
    }

    /** Throws when [offset, offset+length) is not inside the blob. */
    public static void checkRange(BlobInfo blob, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > blob.size()) {
            throw new IllegalArgumentException(
                    "range " + offset + "+" + length + " is outside " + blob.key() + " (" + blob.size() + " bytes)");
        }
    }
}
