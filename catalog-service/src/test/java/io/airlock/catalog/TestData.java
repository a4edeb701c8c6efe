package io.airlock.catalog;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Helpers shared by the API tests. */
public final class TestData {
    public static final String ADMIN = "admin";
    public static final String PASSWORD = "test-admin-password";

    private TestData() {}

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic(ADMIN, PASSWORD).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String digestOf(String content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registration body as JSON. Null values are left out. */
    public static String version(String kind, String name, String content, String extra) {
        return "{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\",\"digest\":\"" + digestOf(content)
                + "\",\"size\":" + content.length() + ",\"location\":\"http://fileserver.test/" + name + "\""
                + (extra == null ? "" : "," + extra) + "}";
    }
}
