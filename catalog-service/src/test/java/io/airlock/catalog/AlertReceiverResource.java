package io.airlock.catalog;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the catalog POSTs to {@code /api/v2/alerts}, to check the wire format in {@code @QuarkusTest}s. The
 * real Alertmanager is exercised by {@code .ci/checks/catalog.sh}.
 */
public class AlertReceiverResource implements QuarkusTestResourceLifecycleManager {
    static final List<String> BODIES = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v2/alerts", exchange -> {
            BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "airlock.catalog.alertmanager.urls",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "airlock.catalog.external-url",
                "http://catalog.test:8083");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
