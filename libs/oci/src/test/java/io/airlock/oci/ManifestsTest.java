package io.airlock.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestsTest {
    static final String D1 = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String D2 = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    static String image(String layerType) {
        return """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":2},
                 "layers":[{"mediaType":"%s","digest":"%s","size":10,"annotations":{"k":"v"}}],
                 "unknownField":{"tolerated":true}}"""
                .formatted(D1, layerType, D2);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAnImageManifest() {
        Manifest m = Manifests.parse(utf8(image("application/x-tar")), null);
        Manifest.Image image = assertInstanceOf(Manifest.Image.class, m);
        assertEquals(MediaTypes.OCI_MANIFEST, image.mediaType());
        assertEquals(2, image.references().size());
        assertEquals("v", image.layers().get(0).annotations().get("k"));
        assertEquals(
                "application/vnd.oci.empty.v1+json", m.effectiveArtifactType().orElseThrow());
    }

    @Test
    void takesTheKindFromTheContentTypeWhenTheFieldIsMissing() {
        String doc =
                """
                {"schemaVersion":2,"manifests":[{"mediaType":"%s","digest":"%s","size":3,
                  "platform":{"architecture":"amd64","os":"linux"}}]}"""
                        .formatted(MediaTypes.OCI_MANIFEST, D1);
        Manifest m = Manifests.parse(utf8(doc), MediaTypes.OCI_INDEX + "; charset=utf-8");
        Manifest.Index index = assertInstanceOf(Manifest.Index.class, m);
        assertEquals("amd64", index.manifests().get(0).platform().architecture());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{\"schemaVersion\":1}",
                "{\"schemaVersion\":2}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                        + "{\"mediaType\":\"x\",\"digest\":\"sha256:1234\",\"size\":1}}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                        + "{\"mediaType\":\"x\",\"size\":1}}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                        + "{\"digest\":\"" + D1 + "\",\"size\":1}}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                        + "{\"mediaType\":\"x\",\"digest\":\"" + D1 + "\",\"size\":-1}}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":{}}",
                "{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}",
                "{\"schemaVersion\":2,\"mediaType\":42}"
            })
    void refusesMalformedManifests(String doc) {
        OciException e = assertThrows(OciException.class, () -> Manifests.parse(utf8(doc), null));
        assertEquals(OciError.MANIFEST_INVALID, e.error());
    }

    @Test
    void refusesAContentTypeThatContradictsTheDocument() {
        OciException e =
                assertThrows(OciException.class, () -> Manifests.parse(utf8(image("x")), MediaTypes.DOCKER_MANIFEST));
        assertEquals(OciError.MANIFEST_INVALID, e.error());
    }

    @Test
    void rendersErrorsInTheSpecFormat() {
        String json =
                new String(OciErrors.render(new OciException(OciError.BLOB_UNKNOWN, "gone")), StandardCharsets.UTF_8);
        assertEquals(
                "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\","
                        + "\"detail\":\"gone\"}]}",
                json);
        assertEquals(416, new OciException(OciError.BLOB_UPLOAD_INVALID, "x", 416).status());
        assertEquals(404, new OciException(OciError.MANIFEST_UNKNOWN, "x").status());
    }
}
