package io.airlock.storage;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Copies a stream into an HTTP response from a worker thread with at most {@link #WINDOW} bytes not yet handed to the
 * socket, however slowly the client reads.
 *
 * <p>Why: writing through the JAX-RS output stream checks Vert.x's "write queue full" before each write, but a write
 * from a worker thread is only queued as a task for the event loop, which counts it later. A worker reading fast
 * object storage therefore gets megabytes ahead of a slow client before the check ever says "full": measured, 50
 * clients reading at 10 KB/s pinned about 2-4 MB of direct memory each and exhausted the 192 MB direct memory limit
 * ({@code OutOfMemoryError: Cannot reserve ... direct buffer memory}, failed downloads for everyone;
 * {@code .ci/checks/faults.sh}, scenario 5). Here every write's completion is awaited once the window is full, so
 * memory per download is bounded by the window, not by the client's speed.
 */
public final class WindowedCopy {
    /** Bytes written but not yet on the socket, per response. */
    public static final int WINDOW = 4 * Streams.BUFFER_SIZE;

    private WindowedCopy() {}

    /**
     * Copies {@code in} to {@code response}. The first chunk goes through {@code out} (the JAX-RS stream, which sends
     * the status and headers); the rest is written to {@code response} directly, in order. The caller closes
     * {@code out}, which ends the response.
     */
    public static long copy(InputStream in, OutputStream out, HttpServerResponse response) throws IOException {
        byte[] buf = new byte[Streams.BUFFER_SIZE];
        int n = in.readNBytes(buf, 0, buf.length);
        if (n <= 0) {
            return 0;
        }
        out.write(buf, 0, n);
        out.flush();
        long total = n;
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        int maxInFlight = WINDOW / buf.length;
        while ((n = in.read(buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            inFlight.add(response.write(Buffer.buffer(n).appendBytes(buf, 0, n))
                    .toCompletionStage()
                    .toCompletableFuture());
            total += n;
            while (inFlight.size() > maxInFlight) {
                await(inFlight.poll());
            }
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        return total;
    }

    private static void await(CompletableFuture<Void> write) throws IOException {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        } catch (ExecutionException e) {
            throw new IOException("client connection failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
