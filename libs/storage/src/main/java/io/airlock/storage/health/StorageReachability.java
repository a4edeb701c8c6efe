package io.airlock.storage.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Whether object storage answered the last readiness check of this process, and since when it has not. The readiness
 * check records here; libs/observability exports it as {@code airlock_storage_backend_up} (1 answered, 0 did not, NaN
 * before the first check), which the chart's storage-unreachable alert reads: readiness alone may stay up during an
 * outage while the cache serves.
 */
@ApplicationScoped
public class StorageReachability {
    private volatile boolean checked;
    private volatile Instant unreachableSince;

    /** Object storage answered. */
    public void reachable() {
        unreachableSince = null;
        checked = true;
    }

    /** Object storage did not answer at {@code now}; returns when the current outage began. */
    public synchronized Instant unreachable(Instant now) {
        if (unreachableSince == null) {
            unreachableSince = now;
        }
        checked = true;
        return unreachableSince;
    }

    /** 1 when the last check reached object storage, 0 when it did not, NaN before any check. */
    public double up() {
        if (!checked) {
            return Double.NaN;
        }
        return unreachableSince == null ? 1 : 0;
    }
}
