package io.airlock.catalog.alerts;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One alert as Alertmanager's v2 API takes it ({@code POST /api/v2/alerts} with a JSON array of these). Alertmanager
 * identifies an alert by its labels; an {@code endsAt} at or before now resolves it.
 */
public record Alert(
        SortedMap<String, String> labels,
        SortedMap<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorURL) {

    /** The identity Alertmanager uses: the label set. */
    public String key() {
        return labels.toString();
    }

    public Alert endingAt(Instant endsAt) {
        return new Alert(labels, annotations, startsAt, endsAt, generatorURL);
    }

    public Alert startingAt(Instant startsAt) {
        return new Alert(labels, annotations, startsAt, endsAt, generatorURL);
    }
}
