package io.airlock.trivydb;

import static io.airlock.trivydb.Oci.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code airlock.auth.anonymous-read=false}, pulls need credentials too (one extra Quarkus start). */
@QuarkusTest
@TestProfile(AnonymousReadOffTest.Private.class)
class AnonymousReadOffTest {

    public static class Private implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airlock.auth.anonymous-read", "false");
        }
    }

    @Test
    void pullsNeedCredentialsAndTokensCarryThem() {
        String repo = Oci.uniqueRepo("private");
        String digest = Oci.pushImage(repo, "1", "application/x-tar", new byte[] {1, 2, 3});
        given().get("/v2/" + repo + "/manifests/1")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer realm="))
                .body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().get("/v2/" + repo + "/tags/list").then().statusCode(401);
        given().get("/api/v1/trivy/status").then().statusCode(401);
        given().get("/v2/token").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));

        admin().get("/v2/" + repo + "/manifests/1").then().statusCode(200).header("Docker-Content-Digest", digest);
        String token = admin().get("/v2/token").then().statusCode(200).extract().path("token");
        given().auth().oauth2(token).get("/v2/" + repo + "/manifests/1").then().statusCode(200);
    }
}
