package io.airlock.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes actually read from a storage backend (object storage GETs, including the cache's fetches and the adoption of
 * foreign objects), counted as they pass, so that a partial read counts only what was read. Without a metrics
 * dependency here: libs/observability exports {@link #S3} as {@code airlock_storage_backend_read_bytes_total{backend="s3"}}.
 *
 * <p>One instance per backend kind and process ({@link #S3}); tests may give a store its own to count in isolation.
 */
public final class BackendReads {
    /** Every S3 store of this process counts here unless it was given its own counter. */
    public static final BackendReads S3 = new BackendReads("s3");

    private final String backend;
    private final LongAdder bytes = new LongAdder();

    public BackendReads(String backend) {
        this.backend = backend;
    }

    /** The backend label: {@code s3}. */
    public String backend() {
        return backend;
    }

    /** Bytes read since start. */
    public long total() {
        return bytes.sum();
    }

    /** {@code in}, counting every byte read from it here. */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    bytes.add(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n); // skipped bytes were transferred too
                if (skipped > 0) {
                    bytes.add(skipped);
                }
                return skipped;
            }
        };
    }
}
