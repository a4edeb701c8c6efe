package io.airlock.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.RawHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fuzz toolkit's own promises: a seed replays byte for byte, and the format checks say what they claim. */
class HostileInputsTest {
    static final OciFuzz OCI = new OciFuzz(
            "a/b",
            "1",
            "sha256:" + "1".repeat(64),
            List.of("sha256:" + "2".repeat(64)),
            2,
            List.of("/v2/a/b/blobs/uploads/x"),
            "Basic eA==");

    @Test
    void theSameSeedGivesTheSameRequestsByteForByte() {
        for (int i = 0; i < 300; i++) {
            long seed = FuzzRunner.requestSeed(42, i);
            assertArrayEquals(
                    OCI.request(new HostileInputs(seed)).toBytes(),
                    OCI.request(new HostileInputs(seed)).toBytes(),
                    "request " + i);
            assertArrayEquals(new HostileInputs(seed).yaml("- a: 1\n"), new HostileInputs(seed).yaml("- a: 1\n"));
        }
        assertNotEquals(FuzzRunner.requestSeed(42, 0), FuzzRunner.requestSeed(42, 1));
        assertNotEquals(FuzzRunner.requestSeed(42, 0), FuzzRunner.requestSeed(43, 0));
    }

    @Test
    void madeUpNamesCarryTheMarker() {
        HostileInputs in = new HostileInputs(7);
        for (int i = 0; i < 100; i++) {
            assertTrue(in.name().contains(HostileInputs.MARKER));
        }
    }

    @Test
    void requestsTheHttpLayerRefusesAreRecognised() {
        assertTrue(FuzzRequest.of("GET", "/a\\b").httpLevel());
        assertTrue(FuzzRequest.of("GET", "/a%zz").httpLevel());
        assertTrue(FuzzRequest.of("GET", "*").httpLevel());
        assertTrue(FuzzRequest.of("G ET", "/a").httpLevel());
        assertTrue(FuzzRequest.of("GET", "/" + "a".repeat(5000)).httpLevel());
        assertFalse(FuzzRequest.of("GET", "/a%2e%2e/b%00").httpLevel());
    }

    @Test
    void errorFormatsAreChecked() {
        FuzzRequest get = FuzzRequest.of("GET", "/v2/x");
        RawHttp.Response oci = new RawHttp.Response(
                404, Map.of("content-type", "application/json"), "{\"errors\":[{\"code\":\"X\"}]}".getBytes());
        RawHttp.Response html =
                new RawHttp.Response(404, Map.of("content-type", "text/html"), "<html>not found</html>".getBytes());
        RawHttp.Response empty = new RawHttp.Response(405, Map.of(), new byte[0]);
        assertTrue(ErrorFormat.OCI.violation(get, oci) == null);
        assertTrue(ErrorFormat.OCI.violation(get, html) != null);
        assertTrue(ErrorFormat.PLAIN.violation(get, html) != null);
        assertTrue(ErrorFormat.OCI.violation(get, empty) != null);
        assertTrue(ErrorFormat.OCI.violation(FuzzRequest.of("HEAD", "/v2/x"), empty) == null);
    }
}
