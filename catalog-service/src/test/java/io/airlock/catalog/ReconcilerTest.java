package io.airlock.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airlock.catalog.reconcile.Reconciler;
import io.airlock.storage.Expectation;
import io.airlock.storage.StorageConfig;
import io.airlock.storage.fs.FilesystemBlobStore;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.airlock.testkit.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class ReconcilerTest {
    @Inject
    Reconciler reconciler;

    @Inject
    StorageConfig storage;

    @Test
    void registersWhatNotificationsMissedOnceOnly() throws Exception {
        FilesystemBlobStore files =
                new FilesystemBlobStore(Path.of(storage.filesystem().root()).resolve("files"));
        String suffix = TestData.unique("r").substring(2);
        byte[] zip = Fixtures.opensearchPluginZip("reconciled" + suffix, "2.9.0");
        String key = "reconciled" + suffix + "-2.9.0.zip";
        files.put(key, new ByteArrayInputStream(zip), Expectation.none());
        byte[] ko = Fixtures.elfKernelModule(256, 7);
        String driverKey = "driver/8.1.0+driver/x86_64/falco_debian_6.1.0-" + suffix + "-amd64_1.ko";
        files.put(driverKey, new ByteArrayInputStream(ko), Expectation.none());

        Reconciler.Result first = reconciler.reconcile();
        assertEquals(0, first.failed());
        Reconciler.Result second = reconciler.reconcile();
        assertEquals(0, second.registered(), "a second pass finds nothing new");

        given().queryParam("name", key)
                .get("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].kind", equalTo("opensearch-plugin"))
                .body("items[0].source", equalTo("reconciliation"))
                .body("items[0].digest", equalTo("sha256:" + Fixtures.sha256Hex(zip)))
                .body("items[0].size", equalTo(zip.length))
                .body("items[0].location", equalTo("http://fileserver.air-gapped.internal:8080/" + key));
        given().queryParam("name", driverKey)
                .get("/api/v1/versions")
                .then()
                .body("items[0].kind", equalTo("falco-driver"));
    }
}
