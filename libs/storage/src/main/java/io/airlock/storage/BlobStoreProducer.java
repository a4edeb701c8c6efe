package io.airlock.storage;

import io.airlock.storage.cache.CachingBlobStore;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.storage.s3.S3BlobStore;
import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Builds the one {@link BlobStore} a service uses, from {@link StorageConfig}. */
@ApplicationScoped
public class BlobStoreProducer {
    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);

    @Produces
    @ApplicationScoped
    BlobStore blobStore(StorageConfig config) throws IOException {
        BlobStore store = create(config);
        LOG.infof("storage: %s", store.describe());
        return store;
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
                MinioClient.Builder builder =
                        MinioClient.builder().endpoint(endpoint).region(s3.region());
                if (s3.accessKey().isPresent()) {
                    builder.credentials(s3.accessKey().get(), s3.secretKey().orElse(""));
                }
                BlobStore remote =
                        new S3BlobStore(builder.build(), endpoint, s3.bucket(), namespace + "/", s3.createBucket());
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
