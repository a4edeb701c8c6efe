package io.airlock.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.Fixtures;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A slow client, simulated: the response's writes complete only when a "socket" thread gets to them. The copy must
 * never have more than its window outstanding, and must deliver every byte in order.
 */
class WindowedCopyTest {

    /** An HttpServerResponse whose write(Buffer) futures complete when {@link #drain} says so. */
    static final class SlowResponse {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final LinkedBlockingQueue<Promise<Void>> pending = new LinkedBlockingQueue<>();
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger maxOutstanding = new AtomicInteger();
        volatile boolean fail;

        HttpServerResponse proxy() {
            return (HttpServerResponse) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {HttpServerResponse.class}, (p, m, args) -> {
                        if (m.getName().equals("write") && args.length == 1 && args[0] instanceof Buffer b) {
                            synchronized (received) {
                                received.write(b.getBytes());
                            }
                            Promise<Void> promise = Promise.promise();
                            maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                            pending.add(promise);
                            return promise.future();
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }

        /** The socket: completes one write every millisecond. */
        Thread drain() {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Promise<Void> next = pending.poll(5, TimeUnit.SECONDS);
                        if (next == null) {
                            return;
                        }
                        Thread.sleep(1);
                        outstanding.decrementAndGet();
                        if (fail) {
                            next.fail(new IOException("Connection reset by peer"));
                        } else {
                            next.complete();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    @Test
    void deliversEveryByteInOrderWithABoundedNumberOfWritesOutstanding() throws Exception {
        byte[] content = Fixtures.randomBytes(3 * 1024 * 1024 + 123, 21);
        SlowResponse slow = new SlowResponse();
        Thread socket = slow.drain();
        ByteArrayOutputStream headersAndFirstChunk = new ByteArrayOutputStream();

        long n = WindowedCopy.copy(new ByteArrayInputStream(content), headersAndFirstChunk, slow.proxy());

        assertEquals(content.length, n);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(headersAndFirstChunk.toByteArray());
        all.write(slow.received.toByteArray());
        assertArrayEquals(content, all.toByteArray());
        int window = WindowedCopy.WINDOW / Streams.BUFFER_SIZE;
        assertTrue(
                slow.maxOutstanding.get() <= window + 1,
                "at most the window outstanding, saw " + slow.maxOutstanding.get() + " writes");
        assertEquals(0, slow.outstanding.get(), "returns only when everything was written");
        socket.interrupt();
    }

    @Test
    void aClientThatGoesAwayEndsTheCopyWithAnIOException() {
        byte[] content = Fixtures.randomBytes(2 * 1024 * 1024, 22);
        SlowResponse slow = new SlowResponse();
        slow.fail = true;
        slow.drain();
        assertThrows(
                IOException.class,
                () -> WindowedCopy.copy(new ByteArrayInputStream(content), new ByteArrayOutputStream(), slow.proxy()));
    }

    @Test
    void anEmptyStreamWritesNothing() throws IOException {
        SlowResponse slow = new SlowResponse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, WindowedCopy.copy(new ByteArrayInputStream(new byte[0]), out, slow.proxy()));
        assertEquals(0, out.size());
    }
}
