package io.airlock.fileserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The file server's own metrics, beside Quarkus' per-request {@code http_server_requests_seconds}: bytes sent and
 * received, and downloads and errors by outcome ({@code airlock_fileserver_*} on {@code /q/metrics}).
 */
@ApplicationScoped
public class FileMetrics {
    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter received;

    public FileMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = Counter.builder("airlock.fileserver.sent")
                .baseUnit("bytes")
                .description("File bytes handed to clients (whole files and ranges)")
                .register(registry);
        this.received = Counter.builder("airlock.fileserver.received")
                .baseUnit("bytes")
                .description("File bytes stored from uploads")
                .register(registry);
    }

    public void sent(long bytes) {
        sent.increment(bytes);
    }

    public void received(long bytes) {
        received.increment(bytes);
    }

    /** One download answered with {@code outcome} (ok, partial, not_modified, not_found, checksum, unsatisfiable). */
    public void download(String outcome) {
        registry.counter("airlock.fileserver.downloads", "outcome", outcome).increment();
    }

    /** One request refused or failed for {@code reason} (bad_request, unauthorized, conflict, storage, internal). */
    public void error(String reason) {
        registry.counter("airlock.fileserver.errors", "reason", reason).increment();
    }
}
