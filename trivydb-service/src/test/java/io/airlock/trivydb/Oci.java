package io.airlock.trivydb;

import static io.restassured.RestAssured.given;

import io.airlock.oci.Digest;
import io.airlock.oci.MediaTypes;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Test helpers speaking the registry protocol through REST Assured. */
final class Oci {
    static final String USER = "admin";
    static final String PASSWORD = "test-password";
    static final String DB_LAYER = "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip";
    static final String JAVA_DB_LAYER = "application/vnd.aquasec.trivy.javadb.layer.v1.tar+gzip";
    static final String TRIVY_CONFIG = "application/vnd.aquasec.trivy.config.v1+json";
    static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    private Oci() {}

    static RequestSpecification admin() {
        return given().auth().preemptive().basic(USER, PASSWORD);
    }

    /** A repository name no other test (or earlier run over the same data directory) uses. */
    static String uniqueRepo(String suffix) {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "/" + suffix;
    }

    static Digest pushBlob(String repo, byte[] content) {
        Digest d = Digest.sha256(content);
        admin().queryParam("digest", d.toString())
                .contentType("application/octet-stream")
                .body(content)
                .post("/v2/" + repo + "/blobs/uploads/")
                .then()
                .statusCode(201);
        return d;
    }

    static String image(Digest config, long configSize, String configType, String layerType, Digest layer, long size) {
        return """
                {"schemaVersion":2,"mediaType":"%s",
                 "config":{"mediaType":"%s","digest":"%s","size":%d},
                 "layers":[{"mediaType":"%s","digest":"%s","size":%d}]}"""
                .formatted(MediaTypes.OCI_MANIFEST, configType, config, configSize, layerType, layer, size);
    }

    /** Pushes config, layer and manifest; returns the manifest's digest. */
    static String pushImage(String repo, String tag, String layerType, byte[] layer) {
        Digest c = pushBlob(repo, EMPTY_CONFIG);
        Digest l = pushBlob(repo, layer);
        String manifest = image(c, EMPTY_CONFIG.length, TRIVY_CONFIG, layerType, l, layer.length);
        return admin().contentType(MediaTypes.OCI_MANIFEST)
                .body(manifest.getBytes(StandardCharsets.UTF_8))
                .put("/v2/" + repo + "/manifests/" + tag)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .header("Docker-Content-Digest");
    }

    static String metadataJson(String updatedAt, String nextUpdate) {
        return "{\"Version\":2,\"NextUpdate\":\"" + nextUpdate + "\",\"UpdatedAt\":\"" + updatedAt
                + "\",\"DownloadedAt\":\"" + updatedAt + "\"}";
    }

    /** A db.tar.gz shaped like Trivy's: {@code trivy.db} first (so the reader must stream past it), then metadata. */
    static byte[] trivyDbLayer(String dbName, byte[] db, String metadata) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            add(tar, dbName, db);
            if (metadata != null) {
                add(tar, "metadata.json", metadata.getBytes(StandardCharsets.UTF_8));
            }
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
