package io.airlock.catalog.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogNotifierTest {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer server;
    private CatalogNotifier notifier;

    private URI startCatalog() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/versions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                bodies.add(body);
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + exchange.getRequestHeaders().getFirst("Airlock-Source"));
                exchange.sendResponseHeaders(201, -1);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static CatalogNotifier.Settings settings(URI url, int capacity, int attempts) {
        return new CatalogNotifier.Settings(
                url,
                "admin",
                "secret",
                capacity,
                attempts,
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                Duration.ofSeconds(2));
    }

    private static PublishedVersion version(String name) {
        return new PublishedVersion(
                "trivy-db",
                name,
                "2",
                "sha256:" + "b".repeat(64),
                42,
                null,
                "registry.test/" + name,
                null,
                Instant.parse("2026-01-01T00:00:00Z"),
                null);
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void deliversWithCredentialsAndRetriesThrough5xx() throws Exception {
        failuresLeft.set(2);
        notifier = new CatalogNotifier(settings(startCatalog(), 10, 5));
        assertTrue(notifier.published(version("aquasecurity/trivy-db:2")));
        awaitDelivered(1);
        assertEquals(1, bodies.size());
        assertTrue(bodies.get(0).contains("\"kind\":\"trivy-db\""));
        assertTrue(bodies.get(0).contains("\"upstreamBuiltAt\":\"2026-01-01T00:00:00Z\""), bodies.get(0));
        assertEquals("Basic YWRtaW46c2VjcmV0 notification", authorizations.get(0));
    }

    @Test
    void neverBlocksAndDropsWhenTheCatalogIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        notifier = new CatalogNotifier(settings(URI.create("http://127.0.0.1:" + closedPort), 3, 2));
        long t0 = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (notifier.published(version("v" + i))) {
                accepted++;
            }
        }
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsedMs < 500, "published() must not wait for the catalog, took " + elapsedMs + " ms");
        assertTrue(accepted <= 4, "the queue is bounded, accepted " + accepted);
        assertTrue(notifier.dropped() >= 96);
    }

    @Test
    void withoutUrlNothingIsSent() {
        notifier = new CatalogNotifier(settings(null, 10, 1));
        assertFalse(notifier.published(version("x")));
        assertEquals(0, notifier.pending());
    }

    private void awaitDelivered(long n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (notifier.delivered() < n && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(n, notifier.delivered());
    }
}
