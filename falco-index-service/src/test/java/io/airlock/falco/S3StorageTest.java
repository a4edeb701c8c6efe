package io.airlock.falco;

import static io.airlock.falco.TestDrivers.EM_X86_64;
import static io.airlock.falco.TestDrivers.admin;
import static io.airlock.falco.TestDrivers.elf;
import static io.airlock.falco.TestDrivers.uniqueVersion;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.falco.store.FileTree;
import io.airlock.storage.BlobInfo;
import io.airlock.testkit.S3StorageResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * As in a cluster: bytes in a real S3 API server, drivers and the index published under the file server's prefix of
 * the shared bucket; object storage going away is a 503, never a stored half.
 */
@QuarkusTest
@QuarkusTestResource(value = S3StorageResource.class, restrictToAnnotatedClass = true)
class S3StorageTest {
    static final String KO = "falco_ubuntu-generic_6.8.0-79-generic_79.ko";

    @Inject
    FileTree tree;

    @Test
    void driversAndTheIndexLandInTheFileServersPrefix() throws IOException {
        assertTrue(tree.store().describe().contains("files"), tree.store().describe());
        String version = uniqueVersion();
        byte[] ko = elf(EM_X86_64, 300_000, 31);
        admin().body(ko)
                .put("/api/v1/drivers/" + version.replace("+", "%2B") + "/x86_64/" + KO)
                .then()
                .statusCode(201);
        BlobInfo info = tree.store().stat(version + "/x86_64/" + KO).orElseThrow();
        try (InputStream in = tree.store().open(info, 0, info.size())) {
            assertArrayEquals(ko, in.readAllBytes());
        }
        assertTrue(tree.store().stat("falcoctl/index.yaml").isPresent());
    }

    @Test
    void objectStorageDownIsA503Problem() {
        S3StorageResource.server().stop();
        try {
            admin().body(elf(EM_X86_64, 1000, 32))
                    .put("/api/v1/drivers/" + uniqueVersion().replace("+", "%2B") + "/x86_64/" + KO)
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503));
        } finally {
            S3StorageResource.server().start();
        }
    }
}
