package io.airlock.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where a service keeps its bytes. Defaults work on one machine (a directory under {@code AIRLOCK_DATA_DIR}); a
 * cluster sets {@code backend=s3} and the {@code s3.*} keys (environment: {@code AIRLOCK_STORAGE_BACKEND},
 * {@code AIRLOCK_STORAGE_S3_ENDPOINT}, ...).
 */
@ConfigMapping(prefix = "airlock.storage")
public interface StorageConfig {

    enum Backend {
        FILESYSTEM,
        S3
    }

    /** {@code filesystem} (one machine, the default) or {@code s3} (MinIO or any S3 API server). */
    @WithDefault("filesystem")
    Backend backend();

    /**
     * This service's own area of the store: a sub-directory of the data directory, or a key prefix in the bucket, so
     * that services can share one bucket or one data directory without seeing each other's keys.
     */
    String namespace();

    Filesystem filesystem();

    S3 s3();

    interface Filesystem {
        /** Directory that holds every service's namespace; by default {@code $AIRLOCK_DATA_DIR/store}. */
        @WithDefault("${airlock.data-dir}/store")
        String root();
    }

    interface S3 {
        /** S3 API endpoint URL, e.g. {@code http://minio.minio-system.svc:9000}. Required with backend s3. */
        Optional<String> endpoint();

        /** Bucket name (S3 rules: 3 to 63 lowercase characters). */
        @WithDefault("airlock")
        String bucket();

        /** Region used for request signing. */
        @WithDefault("us-east-1")
        String region();

        /** Access key; from a Secret in a cluster, never from the repository. */
        Optional<String> accessKey();

        /** Secret key; from a Secret in a cluster, never from the repository. */
        Optional<String> secretKey();

        /** Create the bucket at start when it is missing (needs the permission to). */
        @WithDefault("true")
        boolean createBucket();
    }
}
