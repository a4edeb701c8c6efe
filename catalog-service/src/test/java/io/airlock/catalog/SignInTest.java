package io.airlock.catalog;

import static io.airlock.catalog.TestData.unique;
import static io.airlock.catalog.TestData.version;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.airlock.auth.Challenges;
import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The catalog signs in the way every other service does: the 401 carries libs/auth's one Basic challenge (the catalog
 * once sent its own, without {@code charset}, and no test compared it with the file server's).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SignInTest {

    @Test
    void aMissingCredentialIsA401ProblemWithTheSuitesBasicChallenge() {
        given().contentType(ContentType.JSON)
                .body(version("file", unique("f"), "x", null))
                .post("/api/v1/versions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(Challenges.BASIC))
                .body("type", equalTo("urn:airlock:catalog:unauthorized"))
                .body("status", equalTo(401))
                .body("detail", equalTo("writes need the admin credential"))
                .body("instance", equalTo("/api/v1/versions"));
    }

    @Test
    void aWrongPasswordIsA401ProblemWithTheSameChallenge() {
        given().auth()
                .preemptive()
                .basic("admin", "wrong")
                .get("/api/v1/artifacts")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo(Challenges.BASIC))
                .body("type", equalTo("urn:airlock:catalog:unauthorized"))
                .body("detail", equalTo("wrong user name or password"));
    }
}
