package io.airlock.trivydb.trivy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.RepositoryName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;

class TrivyDbInspectorTest {

    /** A tar.gz written on the fly by another thread: a DB of {@code dbSize} bytes, then metadata.json. */
    static InputStream streamedLayer(long dbSize, String metadata) throws IOException {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (OutputStream o = out;
                    GzipCompressorOutputStream gz = new GzipCompressorOutputStream(o);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry db = new TarArchiveEntry("trivy-java.db");
                db.setSize(dbSize);
                tar.putArchiveEntry(db);
                byte[] chunk = new byte[64 * 1024];
                for (long left = dbSize; left > 0; left -= chunk.length) {
                    tar.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                tar.closeArchiveEntry();
                byte[] m = metadata.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry meta = new TarArchiveEntry("./metadata.json");
                meta.setSize(m.length);
                tar.putArchiveEntry(meta);
                tar.write(m);
                tar.closeArchiveEntry();
            } catch (IOException ignored) {
                // reader closed early
            }
        });
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    @Test
    void readsMetadataBehindALargeDbWithoutHoldingIt() throws IOException {
        long before = usedHeap();
        TrivyDbInspector.Metadata m = TrivyDbInspector.readMetadata(streamedLayer(
                300L * 1024 * 1024,
                "{\"Version\":1,\"NextUpdate\":\"2024-05-04T00:00:00Z\",\"UpdatedAt\":\"2024-05-01T00:00:00Z\"}"));
        assertEquals(1, m.version());
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), m.updatedAt().toInstant());
        assertEquals(Instant.parse("2024-05-04T00:00:00Z"), m.nextUpdate().toInstant());
        assertTrue(usedHeap() - before < 100L * 1024 * 1024, "300 MiB streamed, not held");
    }

    @Test
    void refusesLayersWithoutUsableMetadata() {
        OciException e = assertThrows(
                OciException.class, () -> TrivyDbInspector.readMetadata(streamedLayer(10, "{\"Version\":2}")));
        assertEquals(OciError.MANIFEST_INVALID, e.error());
        e = assertThrows(
                OciException.class,
                () -> TrivyDbInspector.readMetadata(new java.io.ByteArrayInputStream("not gzip".getBytes())));
        assertTrue(e.detail().contains("tar.gz"));
    }

    @Test
    void tellsTrivyRepositoriesApart() {
        assertEquals(
                TrivyArtifact.DB,
                TrivyArtifact.of(RepositoryName.parse("aquasecurity/trivy-db")).orElseThrow());
        assertEquals(
                TrivyArtifact.JAVA_DB,
                TrivyArtifact.of(RepositoryName.parse("mirror/trivy-java-db")).orElseThrow());
        assertEquals(
                TrivyArtifact.CHECKS,
                TrivyArtifact.of(RepositoryName.parse("aquasecurity/trivy-checks"))
                        .orElseThrow());
        assertTrue(TrivyArtifact.of(RepositoryName.parse("library/alpine")).isEmpty());
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        System.gc();
        return r.totalMemory() - r.freeMemory();
    }
}
