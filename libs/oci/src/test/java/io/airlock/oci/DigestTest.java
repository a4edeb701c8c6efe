package io.airlock.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    private static final String HEX64 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parsesSha256AndSha512() {
        Digest d = Digest.parse("sha256:" + HEX64);
        assertEquals("sha256", d.algorithm());
        assertEquals("sha256:" + HEX64, d.toString());
        Digest s512 = Digest.of("sha512", new byte[0]);
        assertEquals(s512, Digest.parse(s512.toString()));
        assertEquals(128, s512.hex().length());
    }

    @Test
    void digestsContent() {
        assertEquals("sha256:" + HEX64, Digest.sha256(new byte[0]).toString());
        assertEquals(
                Digest.sha256("a".getBytes(StandardCharsets.UTF_8)),
                Digest.parse("sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "sha256",
                "sha256:",
                ":abc",
                "sha256:abc",
                "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "md5:d41d8cd98f00b204e9800998ecf8427e",
                "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
                "sha256:../../../etc/passwd"
            })
    void refusesMalformedDigests(String value) {
        OciException e = assertThrows(OciException.class, () -> Digest.parse(value));
        assertEquals(OciError.DIGEST_INVALID, e.error());
    }

    @Test
    void referenceTellsTagsFromDigests() {
        assertInstanceOf(Digest.class, Reference.parse("sha256:" + HEX64));
        assertInstanceOf(Tag.class, Reference.parse("2"));
        assertEquals(
                OciError.MANIFEST_INVALID,
                assertThrows(OciException.class, () -> Reference.parse("-bad")).error());
        assertEquals(
                OciError.MANIFEST_INVALID,
                assertThrows(OciException.class, () -> Reference.parse("x".repeat(129)))
                        .error());
        assertEquals(
                OciError.DIGEST_INVALID,
                assertThrows(OciException.class, () -> Reference.parse("sha256:nothex"))
                        .error());
    }
}
