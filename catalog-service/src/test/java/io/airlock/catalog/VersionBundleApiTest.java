package io.airlock.catalog;

import static io.airlock.catalog.TestData.admin;
import static io.airlock.catalog.TestData.digestOf;
import static io.airlock.catalog.TestData.unique;
import static io.airlock.catalog.TestData.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Which bundle brought a version across the air gap: written by the importer, shown and searchable. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class VersionBundleApiTest {

    @Test
    void recordsShowsAndSearchesTheBundleOfAVersion() {
        String bundle = unique("airlock-2026-11-25");
        String name = unique("repository-s3") + ".zip";
        int artifactId = admin().body(version("opensearch-plugin", name, "b1", "\"bundle\":\"" + bundle + "\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .body("version.bundle", equalTo(bundle))
                .extract()
                .path("version.artifactId");
        // a version no bundle brought
        admin().body(version("opensearch-plugin", name, "b2", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .body("version.bundle", nullValue());

        given().get("/api/v1/artifacts/" + artifactId)
                .then()
                .statusCode(200)
                .body("versions.find { it.digest == '" + digestOf("b1") + "' }.bundle", equalTo(bundle))
                .body("versions.find { it.digest == '" + digestOf("b2") + "' }.bundle", nullValue());

        given().queryParam("bundle", bundle)
                .get("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].digest", equalTo(digestOf("b1")))
                .body("items[0].artifact", equalTo(name));
    }

    @Test
    void aLaterImportFillsInTheBundleOfKnownContent() {
        String name = unique("falco-driver");
        // the service's own notification arrives first, without a bundle ...
        admin().body(version("falco-driver", name, "d1", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(201)
                .body("version.bundle", nullValue());
        // ... then the importer registers the same digest with the bundle's name: idempotent, and filled in
        admin().body(version("falco-driver", name, "d1", "\"bundle\":\"airlock-fill\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("created", equalTo(false))
                .body("version.bundle", equalTo("airlock-fill"));
        // a third registration does not overwrite what is known
        admin().body(version("falco-driver", name, "d1", "\"bundle\":\"airlock-other\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(200)
                .body("version.bundle", equalTo("airlock-fill"));
    }

    @Test
    void refusesABundleNameThatIsTooLong() {
        admin().body(version("file", unique("f"), "x", "\"bundle\":\"" + "b".repeat(256) + "\""))
                .post("/api/v1/versions")
                .then()
                .statusCode(400)
                .body(containsString("bundle is longer than 255 characters"));
    }

    @Test
    void theOpenApiDocumentDescribesTheField() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.schemas.VersionView.properties.bundle.type", equalTo("string"))
                .body("components.schemas.RegisterVersionRequest.properties.bundle.type", equalTo("string"));
    }
}
