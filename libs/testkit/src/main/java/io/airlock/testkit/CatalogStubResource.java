package io.airlock.testkit;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Quarkus test resource: a stand-in for catalog-service's {@code POST /api/v1/versions} on a free loopback port that
 * records each notice body, so that a service's tests can check what it tells the catalog. Points
 * {@code airlock.catalog-client.url} at itself.
 */
public class CatalogStubResource implements QuarkusTestResourceLifecycleManager {
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/versions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean authorized = exchange.getRequestHeaders().getFirst("Authorization") != null;
            if ("POST".equals(exchange.getRequestMethod()) && authorized) {
                RECEIVED.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(201, -1);
            } else {
                exchange.sendResponseHeaders(authorized ? 405 : 401, -1);
            }
            exchange.close();
        });
        server.start();
        return Map.of(
                "airlock.catalog-client.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Waits up to {@code timeout} for a recorded notice body matching {@code test}; returns it or throws. */
    public static String awaitNotice(Predicate<String> test, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String body : RECEIVED) {
                if (test.test(body)) {
                    return body;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no catalog notice matched within " + timeout + "; received: " + RECEIVED);
    }
}
