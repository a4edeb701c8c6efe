package io.airlock.storage;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

    Cache cache();

    /**
     * A local disk cache in front of object storage (backend s3 only): downloads are then sent from a local file with
     * zero copy, and concurrent downloads of one blob read it from object storage once. In a cluster, mount an
     * emptyDir (with a sizeLimit above {@code max-size}) at {@code dir}.
     */
    interface Cache {
        /** Whether to cache object storage content on local disk for downloads. */
        @WithDefault("true")
        boolean enabled();

        /** Cache directory; each namespace gets a sub-directory. Emptied at start. */
        @WithDefault("${java.io.tmpdir}/airlock-cache")
        String dir();

        /** Most bytes the cache holds; larger blobs are streamed from object storage instead. */
        @WithDefault("8G")
        MemorySize maxSize();

        /** A cached file used more recently than this is never evicted (a download may be about to open it). */
        @WithDefault("60s")
        Duration minAge();

        /**
         * How long a replica stays ready while object storage does not answer, because this cache can still serve what
         * it holds. {@code 0s} (the default): not ready as soon as object storage is unreachable. In a cluster a few
         * minutes keep a short object-storage outage from taking every replica out of its Service at once; the
         * separate {@code airlock_storage_backend_up} gauge reports the outage from the first failed check.
         */
        @WithDefault("0s")
        Duration readinessGrace();
    }

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

        /**
         * Temporary uploads older than this are taken for abandoned (a replica died while receiving them) and removed
         * from {@code <namespace>/uploads/}: at start, then hourly (or every max-age when shorter). Must exceed the
         * longest upload.
         */
        @WithDefault("24h")
        Duration uploadMaxAge();

        /** How long to wait for a connection to object storage before answering 503. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * How long one read or write on an open connection to object storage may stall (not the whole transfer): an
         * object store that hangs instead of failing costs a request this long, not minio's default of five minutes.
         */
        @WithDefault("60s")
        Duration ioTimeout();
    }
}
