package io.airlock.fileserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.storage.BackendReads;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.S3StorageResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The same contract with bytes in a real S3 API server, as in a cluster; plus object storage going away. */
@QuarkusTest
@QuarkusTestResource(value = S3StorageResource.class, restrictToAnnotatedClass = true)
class S3FileServerTest extends FileServerContractTest {

    @Test
    void bytesReadFromObjectStorageAreCountedAndTheCacheReadsAFileOnce() {
        // content no earlier run has cached: the cache directory outlives the test JVM
        byte[] content = Fixtures.randomBytes(5000, (int) System.nanoTime());
        String path = "/" + dir + "/counted.bin";
        upload(path, content);
        long before = BackendReads.S3.total();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(content, download(path));
        }
        assertEquals(content.length, BackendReads.S3.total() - before, "one fetch into the cache, then local reads");
        // Exported at /q/metrics. Its value is not compared here: when Quarkus restarts inside one test JVM (another
        // test class ran first) the registry keeps the counter bound by the first start. The packaged jar's value is
        // what bench/trivydb.sh and bench/fileserver.sh divide by the blob size.
        assertTrue(backendReadBytes() >= 0);
    }

    static double backendReadBytes() {
        String metrics =
                anon().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("airlock_storage_backend_read_bytes_total{backend=\"s3\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("airlock_storage_backend_read_bytes_total is not exported"));
    }

    @Test
    void objectStorageDownIsA503AndServingResumesWhenItIsBack() {
        byte[] content = Fixtures.randomBytes(3000, 8);
        String path = "/" + dir + "/survives.bin";
        upload(path, content);
        S3StorageResource.server().stop();
        try {
            anon().get(path).then().statusCode(503).header("Retry-After", "5");
            admin().body(new byte[] {1}).put(path).then().statusCode(503);
            anon().get("/q/health/ready").then().statusCode(503);
        } finally {
            S3StorageResource.server().start();
        }
        assertArrayEquals(content, download(path));
        anon().get("/q/health/ready").then().statusCode(200);
    }
}
