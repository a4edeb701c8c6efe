package io.airlock.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BlobStore;
import io.airlock.storage.cache.CachingBlobStore;
import io.airlock.storage.s3.S3BlobStore;
import io.airlock.testkit.S3ProxyServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness against a real S3 API server that goes away and comes back. */
class StorageReadinessCheckTest {
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static S3ProxyServer server;

    @TempDir
    Path cacheDir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.onDisk().start(); // keeps the bucket across a restart
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private BlobStore s3() throws Exception {
        var client = S3BlobStore.client(
                server.endpoint(),
                "us-east-1",
                Optional.of(S3ProxyServer.ACCESS_KEY),
                Optional.of(S3ProxyServer.SECRET_KEY),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        // Creates the bucket; a stopped server then refuses connections at once, no timeout involved.
        return new S3BlobStore(client, server.endpoint(), "airlock-ready", "ready/", true);
    }

    private BlobStore cached() throws Exception {
        return new CachingBlobStore(s3(), cacheDir, 1 << 20, Duration.ofSeconds(60), Clock.systemUTC());
    }

    @Test
    void withACacheAReplicaStaysReadyForTheGraceThenLeaves() throws Exception {
        StorageReachability reachability = new StorageReachability();
        StorageReadinessCheck check = new StorageReadinessCheck(cached(), GRACE, reachability, clock);
        assertEquals(Double.NaN, reachability.up());
        assertStatus(HealthCheckResponse.Status.UP, check);
        assertEquals(1.0, reachability.up());

        server.stop();
        try {
            HealthCheckResponse blip = check.call();
            assertEquals(HealthCheckResponse.Status.UP, blip.getStatus(), "the cache can serve: still ready");
            assertEquals(Boolean.TRUE, blip.getData().orElseThrow().get("servingFromCache"));
            assertEquals(0.0, reachability.up(), "the outage is reported at once");
            clock.advance(GRACE.minusSeconds(10));
            assertStatus(HealthCheckResponse.Status.UP, check);
            clock.advance(Duration.ofSeconds(20));
            HealthCheckResponse late = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, late.getStatus(), "grace over: not ready");
            assertEquals(
                    "2026-01-01T00:00:00Z",
                    late.getData().orElseThrow().get("unreachableSince"),
                    "the outage is timed from its first failed check");
        } finally {
            server.start();
        }
        assertStatus(HealthCheckResponse.Status.UP, check);
        assertEquals(1.0, reachability.up());

        // A second outage gets a grace of its own.
        server.stop();
        try {
            assertStatus(HealthCheckResponse.Status.UP, check);
        } finally {
            server.start();
        }
    }

    @Test
    void withoutACacheOrWithoutAGraceAReplicaLeavesAtOnce() throws Exception {
        StorageReachability uncachedReachability = new StorageReachability();
        StorageReadinessCheck uncached = new StorageReadinessCheck(s3(), GRACE, uncachedReachability, clock);
        StorageReadinessCheck noGrace =
                new StorageReadinessCheck(cached(), Duration.ZERO, new StorageReachability(), clock);
        assertStatus(HealthCheckResponse.Status.UP, uncached);
        assertStatus(HealthCheckResponse.Status.UP, noGrace);
        server.stop();
        try {
            HealthCheckResponse down = uncached.call();
            assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
            assertTrue(down.getData().orElseThrow().containsKey("error"), "says why");
            assertEquals(0.0, uncachedReachability.up());
            assertStatus(HealthCheckResponse.Status.DOWN, noGrace);
        } finally {
            server.start();
        }
    }

    private static void assertStatus(HealthCheckResponse.Status expected, StorageReadinessCheck check) {
        HealthCheckResponse response = check.call();
        assertEquals(expected, response.getStatus(), () -> "readiness: " + response.getData());
    }

    /** A clock the test moves by hand, so the grace is crossed without waiting for it. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
