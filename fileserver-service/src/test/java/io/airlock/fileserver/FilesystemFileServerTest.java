package io.airlock.fileserver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.CatalogStubResource;
import io.airlock.testkit.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The file server contract on the one-machine default: the filesystem store under the data directory. Also checks
 * what the catalog is told (a recording stand-in for catalog-service).
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogStubResource.class, restrictToAnnotatedClass = true)
class FilesystemFileServerTest extends FileServerContractTest {

    @Test
    void everyUploadIsReportedToTheCatalogWithItsKindAndDigest() {
        byte[] zip = Fixtures.opensearchPluginZip("repository-s3", "2.8.0");
        upload("/repository-s3-2.8.0.zip", zip);
        String notice = CatalogStubResource.awaitNotice(
                body -> body.contains("\"name\":\"repository-s3-2.8.0.zip\""), Duration.ofSeconds(10));
        assertTrue(notice.contains(Fixtures.sha256Hex(zip)), notice);
        assertTrue(notice.contains("\"kind\":\"opensearch-plugin\""), notice);
        assertTrue(
                notice.contains("\"location\":\"http://fileserver.air-gapped.internal:8080/repository-s3-2.8.0.zip\""),
                notice);
        assertTrue(notice.contains("\"size\":" + zip.length), notice);

        byte[] ko = Fixtures.elfKernelModule(1000, 3);
        upload("/" + dir + "/8.1.0%2Bdriver/x86_64/falco_debian_6.1.0-18-amd64_1.ko", ko);
        String driver = CatalogStubResource.awaitNotice(
                body -> body.contains("falco_debian_6.1.0-18-amd64_1.ko"), Duration.ofSeconds(10));
        assertTrue(driver.contains(Fixtures.sha256Hex(ko)), driver);
        assertTrue(driver.contains("\"kind\":\"falco-driver\""), driver);
    }
}
