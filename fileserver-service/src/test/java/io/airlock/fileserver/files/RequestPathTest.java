package io.airlock.fileserver.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.storage.InvalidKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @Test
    void escapedAndRawPlusAreTheSameKey() {
        assertEquals(
                RequestPath.parse("/8.1.0%2Bdriver/x86_64/falco.ko"),
                RequestPath.parse("/8.1.0+driver/x86_64/falco.ko"));
        assertEquals(
                "8.1.0+driver/x86_64/falco.ko",
                RequestPath.parse("/8.1.0%2bdriver/x86_64/falco.ko").key());
    }

    @Test
    void directoriesAndTheRoot() {
        assertEquals(new RequestPath("", true), RequestPath.parse("/"));
        assertEquals(new RequestPath("falcoctl/", true), RequestPath.parse("/falcoctl/"));
        assertEquals(new RequestPath("falcoctl/index.yaml", false), RequestPath.parse("/falcoctl/index.yaml"));
    }

    @Test
    void utf8IsDecodedAndReEncoded() {
        RequestPath p = RequestPath.parse("/%C3%BCber%20file.zip");
        assertEquals("über file.zip", p.key());
        assertEquals("/%C3%BCber%20file.zip", p.urlPath());
        assertEquals(
                "/8.1.0%2Bdriver/a.ko", RequestPath.parse("/8.1.0+driver/a.ko").urlPath());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "relative",
                "/..",
                "/a/%2e%2e/b",
                "/%2E%2E",
                "/a%5cb",
                "/a%00",
                "/a%0Ab",
                "/%zz",
                "/%4",
                "/%C3",
                "/%FF",
                "//double",
                "/a//b"
            })
    void hostilePathsAreRefused(String raw) {
        assertThrows(InvalidKeyException.class, () -> RequestPath.parse(raw));
    }
}
