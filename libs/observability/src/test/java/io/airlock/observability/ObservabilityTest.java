package io.airlock.observability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.storage.BackendReads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the chart's dashboards and alerts rely on: the latency buckets and the object-storage read counter. */
class ObservabilityTest {

    private static SimpleMeterRegistry registryWithBuckets() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new HttpServerHistograms().httpServerRequestBuckets());
        return registry;
    }

    @Test
    void requestLatencyHasTheFixedBucketsAndCountsEachRequestInTheRightOne() {
        SimpleMeterRegistry registry = registryWithBuckets();
        Timer timer = registry.timer("http.server.requests", "uri", "/v2/{name}/blobs/{digest}");
        timer.record(Duration.ofMillis(3));
        timer.record(Duration.ofMillis(700));
        timer.record(Duration.ofSeconds(4));

        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        double[] bounds = Arrays.stream(buckets).mapToDouble(b -> b.bucket()).toArray();
        double[] expected = Arrays.stream(HttpServerHistograms.BUCKETS)
                .mapToDouble(Duration::toNanos)
                .toArray();
        assertArrayEquals(expected, bounds);
        // cumulative counts: 3 ms is under 5 ms, 700 ms under 1 s, 4 s under 5 s
        assertEquals(1.0, countAt(buckets, Duration.ofMillis(5)));
        assertEquals(1.0, countAt(buckets, Duration.ofMillis(500)));
        assertEquals(2.0, countAt(buckets, Duration.ofSeconds(1)));
        assertEquals(2.0, countAt(buckets, Duration.ofMillis(2500)));
        assertEquals(3.0, countAt(buckets, Duration.ofSeconds(5)));
    }

    @Test
    void otherTimersGetNoBuckets() {
        Timer other = registryWithBuckets().timer("airlock.something.else");
        other.record(Duration.ofMillis(3));
        assertEquals(0, other.takeSnapshot().histogramCounts().length);
    }

    @Test
    void bytesReadFromObjectStorageAreCountedOnceEach() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new StorageMetrics().backendReadBytes().bindTo(registry);
        FunctionCounter counter = registry.get("airlock.storage.backend.read")
                .tag("backend", "s3")
                .functionCounter();
        double before = counter.count();

        byte[] blob = new byte[100_000];
        try (InputStream in = BackendReads.S3.counting(new ByteArrayInputStream(blob))) {
            in.read(); // one byte alone
            in.readAllBytes(); // the rest in bulk
        }
        assertEquals(before + blob.length, counter.count());
    }

    private static double countAt(CountAtBucket[] buckets, Duration bound) {
        return Arrays.stream(buckets)
                .filter(b -> b.bucket() == bound.toNanos())
                .findFirst()
                .orElseThrow()
                .count();
    }
}
