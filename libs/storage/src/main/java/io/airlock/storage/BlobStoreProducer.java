package io.airlock.storage;

import io.airlock.storage.cache.CachingBlobStore;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.storage.s3.AbandonedUploads;
import io.airlock.storage.s3.S3BlobStore;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Builds the one {@link BlobStore} a service uses, from {@link StorageConfig}. */
@ApplicationScoped
public class BlobStoreProducer {
    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);

    private ScheduledExecutorService uploadSweep;

    @Produces
    @ApplicationScoped
    BlobStore blobStore(StorageConfig config) throws IOException {
        BlobStore store = create(config);
        LOG.infof("storage: %s", store.describe());
        if (config.backend() == StorageConfig.Backend.S3) {
            uploadSweep = sweepAbandonedUploads(config);
        }
        return store;
    }

    /**
     * Builds the store while the service starts, on its own thread, instead of on first use: the bean is otherwise
     * created by the first readiness probe or request, which then waits for the object-storage client's classes to
     * load and for the bucket check (about 2 s after "started" on a busy node). The start itself does not wait for it;
     * a probe or request that arrives earlier waits only for the rest of the build, so readiness reports UP exactly
     * when the store answers. A failure is logged and retried by the next use (object storage not reachable yet).
     */
    void buildDuringStart(@Observes StartupEvent event, BlobStore store) {
        Thread build = new Thread(
                () -> {
                    try {
                        store.ping();
                    } catch (Exception e) {
                        LOG.warnf("storage: not reachable at start, retried on first use: %s", e.getMessage());
                    }
                },
                "airlock-storage-start");
        build.setDaemon(true);
        build.start();
    }

    /**
     * Removes, in the background at start and then periodically, the temporary uploads of this service's namespace
     * that replicas killed mid-upload left in the bucket ({@link AbandonedUploads}). A failed sweep (object storage
     * down) is retried at the next period.
     */
    private static ScheduledExecutorService sweepAbandonedUploads(StorageConfig config) {
        StorageConfig.S3 s3 = config.s3();
        MinioAsyncClient.Builder builder =
                MinioAsyncClient.builder().endpoint(s3.endpoint().orElseThrow()).region(s3.region());
        if (s3.accessKey().isPresent()) {
            builder.credentials(s3.accessKey().get(), s3.secretKey().orElse(""));
        }
        AbandonedUploads abandoned = new AbandonedUploads(builder.build(), s3.bucket(), config.namespace() + "/");
        Duration maxAge = s3.uploadMaxAge();
        long periodMs =
                Math.max(1000, Math.min(maxAge.toMillis(), Duration.ofHours(1).toMillis()));
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "airlock-upload-sweep");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        int removed = abandoned.removeBefore(Instant.now().minus(maxAge));
                        if (removed > 0) {
                            LOG.infof(
                                    "removed %d abandoned upload(s) older than %s from %s/%s/uploads/",
                                    removed, maxAge, s3.bucket(), config.namespace());
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.debugf("sweep of abandoned uploads failed, retried later: %s", e.getMessage());
                    }
                },
                0,
                periodMs,
                TimeUnit.MILLISECONDS);
        return executor;
    }

    @PreDestroy
    void stopSweep() {
        if (uploadSweep != null) {
            uploadSweep.shutdownNow();
        }
    }

    /** The store of this service's own namespace ({@code airlock.storage.namespace}). */
    public static BlobStore create(StorageConfig config) throws IOException {
        return create(config, config.namespace());
    }

    /**
     * A store on the same backend for another namespace: e.g. a service that publishes into the file server's tree
     * ({@code files}) so that its files are served at their URL paths.
     */
    public static BlobStore create(StorageConfig config, String namespace) throws IOException {
        BlobKeys.requireValid(namespace);
        return switch (config.backend()) {
            case FILESYSTEM -> new FilesystemBlobStore(
                    Path.of(config.filesystem().root()).resolve(namespace));
            case S3 -> {
                StorageConfig.S3 s3 = config.s3();
                String endpoint = s3.endpoint()
                        .orElseThrow(
                                () -> new IllegalStateException(
                                        "airlock.storage.s3.endpoint (AIRLOCK_STORAGE_S3_ENDPOINT) is required with backend s3"));
                MinioClient client = S3BlobStore.client(
                        endpoint, s3.region(), s3.accessKey(), s3.secretKey(), s3.connectTimeout(), s3.ioTimeout());
                BlobStore remote = new S3BlobStore(client, endpoint, s3.bucket(), namespace + "/", s3.createBucket());
                StorageConfig.Cache cache = config.cache();
                yield cache.enabled()
                        ? new CachingBlobStore(
                                remote,
                                Path.of(cache.dir()).resolve(namespace),
                                cache.maxSize().asLongValue(),
                                cache.minAge(),
                                Clock.systemUTC())
                        : remote;
            }
        };
    }
}
