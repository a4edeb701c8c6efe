package io.airlock.catalog.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells the catalog what was published, without ever making the caller wait: {@link #published} only puts the notice
 * in a bounded queue, and one background thread delivers notices in order, retrying with exponential backoff while
 * the catalog is unreachable or answers 5xx/429.
 *
 * <p>What a caller may rely on: {@code published} never blocks and never throws. A notice is dropped, with a log line,
 * when the queue is full or when it still fails after the last attempt (or the catalog refuses it with a 4xx). Dropped
 * notices are not lost for good: the catalog's reconciliation finds the file in object storage later.
 */
public final class CatalogNotifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CatalogNotifier.class);

    /**
     * @param url the catalog's base URL, e.g. {@code http://catalog:8083}; null: disabled, every notice is dropped
     *     silently
     * @param user admin user for HTTP Basic
     * @param password admin password
     * @param queueCapacity notices waiting at most
     * @param maxAttempts deliveries tried per notice (at least 1)
     * @param initialBackoff wait after the first failure, doubled after each further one
     * @param maxBackoff longest wait between attempts
     * @param timeout one request's timeout
     */
    public record Settings(
            URI url,
            String user,
            String password,
            int queueCapacity,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration timeout) {}

    private final Settings settings;
    private final URI endpoint;
    private final BlockingQueue<PublishedVersion> queue;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public CatalogNotifier(Settings settings) {
        this.settings = settings;
        this.endpoint = settings.url() == null
                ? null
                : URI.create(settings.url().toString().replaceAll("/+$", "") + "/api/v1/versions");
        this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity()));
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.worker = new Thread(this::run, "airlock-catalog-notifier");
        this.worker.setDaemon(true);
        if (endpoint != null) {
            this.worker.start();
        }
    }

    /** Queues a notice; false (and a log line) when it had to be dropped. Never blocks. */
    public boolean published(PublishedVersion version) {
        if (endpoint == null) {
            LOG.debugf("no catalog configured, not notifying %s %s", version.kind(), version.name());
            return false;
        }
        if (closed || !queue.offer(version)) {
            dropped.incrementAndGet();
            LOG.warnf(
                    "catalog notification dropped (queue of %d full or notifier closed): %s %s; reconciliation will"
                            + " register it later",
                    settings.queueCapacity(), version.kind(), version.name());
            return false;
        }
        return true;
    }

    /** Notices delivered so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Notices dropped so far (queue full, refused, or out of attempts). */
    public long dropped() {
        return dropped.get();
    }

    /** Notices waiting. */
    public int pending() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }

    private void run() {
        while (!closed) {
            PublishedVersion next;
            try {
                next = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next != null && !deliver(next)) {
                dropped.incrementAndGet();
            }
        }
    }

    /** True when delivered; false when refused or out of attempts. */
    private boolean deliver(PublishedVersion version) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(version);
        } catch (IOException e) {
            LOG.errorf(e, "catalog notification dropped, cannot be written as JSON: %s", version.name());
            return false;
        }
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        Duration backoff = settings.initialBackoff();
        int attempts = Math.max(1, settings.maxAttempts());
        String lastFailure = "";
        for (int attempt = 1; attempt <= attempts && !closed; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .header("Airlock-Source", "notification")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    delivered.incrementAndGet();
                    return true;
                }
                lastFailure = "HTTP " + status + " " + abbreviate(response.body());
                if (status / 100 == 4 && status != 408 && status != 429) {
                    LOG.warnf("catalog refused notification of %s %s: %s", version.kind(), version.name(), lastFailure);
                    return false;
                }
            } catch (IOException e) {
                lastFailure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < attempts) {
                try {
                    long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, backoff.toMillis() / 4));
                    Thread.sleep(backoff.toMillis() + jitter);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(settings.maxBackoff()) > 0) {
                    backoff = settings.maxBackoff();
                }
            }
        }
        LOG.warnf(
                "catalog notification dropped after %d attempts: %s %s (%s); reconciliation will register it later",
                attempts, version.kind(), version.name(), lastFailure);
        return false;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
