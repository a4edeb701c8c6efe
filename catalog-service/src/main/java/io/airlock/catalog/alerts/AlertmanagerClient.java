package io.airlock.catalog.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.catalog.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Posts alerts to every configured Alertmanager ({@code POST <url>/api/v2/alerts}); a failing one is logged. */
@ApplicationScoped
public class AlertmanagerClient {
    private static final Logger LOG = Logger.getLogger(AlertmanagerClient.class);
    private static final Duration REPEAT_LOG = Duration.ofMinutes(10);

    @Inject
    CatalogConfig config;

    @Inject
    ObjectMapper json;

    /** Endpoints currently failing, with when that was last logged: one line per outage, not one per evaluation. */
    private final Map<URI, Instant> failing = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();

    public List<URI> endpoints() {
        return config.alertmanager().urls().orElse(List.of()).stream()
                .map(AlertmanagerClient::alertsEndpoint)
                .toList();
    }

    private void failed(URI endpoint, String what) {
        Instant now = Instant.now();
        Instant logged = failing.get(endpoint);
        if (logged == null || logged.plus(REPEAT_LOG).isBefore(now)) {
            failing.put(endpoint, now);
            LOG.warnf(
                    "Alertmanager %s %s (retried on every evaluation; logged again in %s if it persists)",
                    endpoint, what, REPEAT_LOG);
        }
    }

    static URI alertsEndpoint(URI base) {
        String s = base.toString();
        if (s.endsWith("/api/v2/alerts")) {
            return base;
        }
        return URI.create(s.replaceAll("/+$", "") + "/api/v2/alerts");
    }

    /** Sends {@code alerts} to every endpoint; returns how many endpoints accepted them. */
    public int send(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return 0;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(alerts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int accepted = 0;
        for (URI endpoint : endpoints()) {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(config.alertmanager().timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    accepted++;
                    if (failing.remove(endpoint) != null) {
                        LOG.infof("Alertmanager %s accepts alerts again", endpoint);
                    }
                } else {
                    failed(
                            endpoint,
                            "refused " + alerts.size() + " alerts: HTTP " + response.statusCode() + " "
                                    + response.body());
                }
            } catch (IOException e) {
                failed(endpoint, "unreachable, " + alerts.size() + " alerts not delivered: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return accepted;
            }
        }
        return accepted;
    }
}
