package io.airlock.catalog.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps Alertmanager in step with what the catalog sees. Every evaluation re-sends each firing alert with an
 * {@code endsAt} a few intervals ahead (so it stays firing while the catalog keeps saying so, and expires by itself if
 * the catalog goes away), and sends alerts that stopped firing with {@code endsAt = now} (resolved) for a few
 * evaluations, in case one delivery is lost. State is in memory: after a restart, firing alerts are re-sent with a new
 * startsAt and anything resolved meanwhile expires at its last endsAt.
 */
@ApplicationScoped
public class AlertPusher {
    static final int RESOLVED_RESENDS = 3;

    @Inject
    AlertmanagerClient client;

    private final Map<String, Alert> firing = new LinkedHashMap<>();
    private final Map<String, Resolved> resolving = new HashMap<>();

    private record Resolved(Alert alert, int remaining) {}

    /**
     * Pushes the alerts that fire now ({@code current}, each with its own startsAt) and resolves those that no longer
     * do. Returns what was sent.
     */
    public synchronized List<Alert> push(List<Alert> current, Instant now, Duration validFor) {
        Map<String, Alert> next = new LinkedHashMap<>();
        for (Alert a : current) {
            Alert previous = firing.get(a.key());
            Alert kept = previous != null ? a.startingAt(previous.startsAt()) : a;
            next.put(a.key(), kept.endingAt(now.plus(validFor)));
            resolving.remove(a.key());
        }
        for (Map.Entry<String, Alert> e : firing.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                resolving.put(e.getKey(), new Resolved(e.getValue(), RESOLVED_RESENDS));
            }
        }
        firing.clear();
        firing.putAll(next);
        List<Alert> batch = new ArrayList<>(next.values());
        resolving.replaceAll((k, r) -> new Resolved(r.alert(), r.remaining() - 1));
        for (Resolved r : resolving.values()) {
            batch.add(r.alert().endingAt(now));
        }
        resolving.values().removeIf(r -> r.remaining() <= 0);
        client.send(batch);
        return batch;
    }

    /**
     * When the catalog cannot evaluate (its database is down), keeps what was firing alive instead of letting it
     * expire as if it were fixed.
     */
    public synchronized List<Alert> refresh(Instant now, Duration validFor) {
        List<Alert> batch = new ArrayList<>();
        firing.replaceAll((k, a) -> a.endingAt(now.plus(validFor)));
        batch.addAll(firing.values());
        client.send(batch);
        return batch;
    }

    public synchronized List<Alert> firing() {
        return List.copyOf(firing.values());
    }
}
