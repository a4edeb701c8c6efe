package io.airlock.catalog.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertPusherTest {
    static final Duration VALID = Duration.ofMinutes(4);

    /** Records batches instead of posting them. */
    static class Recorder extends AlertmanagerClient {
        final List<List<Alert>> batches = new ArrayList<>();

        @Override
        public int send(List<Alert> alerts) {
            batches.add(List.copyOf(alerts));
            return 1;
        }
    }

    static Alert alert(String artifact, Instant startsAt) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("alertname", "AirlockArtifactStale");
        labels.put("artifact", artifact);
        return new Alert(labels, new TreeMap<>(), startsAt, null, "http://catalog/x");
    }

    @Test
    void firingAlertsAreResentWithTheirFirstStartAndResolvedSeveralTimes() {
        Recorder client = new Recorder();
        AlertPusher pusher = new AlertPusher();
        pusher.client = client;
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

        pusher.push(List.of(alert("a", t0)), t0, VALID);
        List<Alert> second = pusher.push(List.of(alert("a", t0.plusSeconds(60))), t0.plusSeconds(60), VALID);
        assertEquals(1, second.size());
        assertEquals(t0, second.get(0).startsAt(), "startsAt stays the first one");
        assertEquals(t0.plusSeconds(60).plus(VALID), second.get(0).endsAt());

        // Fixed: resolved (endsAt = now) on the next three evaluations, then no longer sent.
        for (int i = 1; i <= AlertPusher.RESOLVED_RESENDS; i++) {
            Instant now = t0.plusSeconds(60 + 60L * i);
            List<Alert> batch = pusher.push(List.of(), now, VALID);
            assertEquals(1, batch.size(), "evaluation " + i);
            assertEquals(now, batch.get(0).endsAt());
        }
        assertTrue(pusher.push(List.of(), t0.plusSeconds(600), VALID).isEmpty());
        assertTrue(pusher.firing().isEmpty());
    }

    @Test
    void whenTheDatabaseIsDownFiringAlertsAreKeptAlive() {
        Recorder client = new Recorder();
        AlertPusher pusher = new AlertPusher();
        pusher.client = client;
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        pusher.push(List.of(alert("a", t0)), t0, VALID);
        List<Alert> kept = pusher.refresh(t0.plusSeconds(120), VALID);
        assertEquals(1, kept.size());
        assertEquals(t0.plusSeconds(120).plus(VALID), kept.get(0).endsAt());
        assertEquals(1, pusher.firing().size());
    }
}
