package io.airlock.fileserver;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With anonymous reads switched off, downloads and listings need the credential too. */
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
    void readsNeedTheCredential() {
        FileServerContractTest.upload("/private/x.bin", new byte[] {1});
        given().get("/private/x.bin")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"airlock\", charset=\"UTF-8\"");
        given().get("/").then().statusCode(401);
        FileServerContractTest.admin().get("/private/x.bin").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
