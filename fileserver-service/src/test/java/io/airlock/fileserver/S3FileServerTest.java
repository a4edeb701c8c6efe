package io.airlock.fileserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
