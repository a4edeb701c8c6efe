package io.airlock.fileserver;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.airlock.auth.PasswordHash;
import io.airlock.testkit.Fixtures;
import io.airlock.testkit.PackagedService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged file server started as the chart starts it: with only {@code AIRLOCK_ADMIN_PASSWORD_HASH} (the Secret
 * holds no password). Writes need the password that hash was made from; nothing else is accepted.
 */
class PasswordHashIT {
    private static final String PASSWORD = "only-the-hash-is-configured";

    @TempDir
    Path dir;

    @Test
    void aServiceConfiguredWithOnlyTheHashAcceptsThePasswordForWrites() {
        Map<String, String> env =
                Map.of("AIRLOCK_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD).encode());
        try (PackagedService fs = PackagedService.start("fileserver", dir, env)) {
            byte[] content = Fixtures.randomBytes(70_000, 3);
            String path = "/hash/repository-s3-2.8.0.zip";

            given().baseUri(fs.url()).body(content).put(path).then().statusCode(401);
            given().baseUri(fs.url())
                    .auth()
                    .preemptive()
                    .basic("admin", "not-" + PASSWORD)
                    .body(content)
                    .put(path)
                    .then()
                    .statusCode(401);
            given().baseUri(fs.url()).get(path).then().statusCode(404);

            given().baseUri(fs.url())
                    .auth()
                    .preemptive()
                    .basic("admin", PASSWORD)
                    .body(content)
                    .put(path)
                    .then()
                    .statusCode(201);
            byte[] served = given().baseUri(fs.url())
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            assertArrayEquals(content, served);
            assertFalse(fs.log().contains("generated admin password"), "the hash was used, no password generated");
        }
    }
}
