package io.airlock.trivydb.trivy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.airlock.oci.Descriptor;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.Registry;
import io.airlock.oci.RepositoryName;
import io.airlock.storage.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The rules for a push to a Trivy repository: an image manifest with exactly one layer of exactly the Trivy media
 * type, and for databases a readable {@code metadata.json} inside that layer. The layer is read as a stream (gunzip,
 * then tar entries) and only up to {@code metadata.json}; at most {@link #MAX_METADATA_BYTES} of it are held.
 */
public final class TrivyDbInspector {
    static final int MAX_METADATA_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .build();

    private final Registry registry;

    public TrivyDbInspector(Registry registry) {
        this.registry = registry;
    }

    /** Trivy's {@code metadata.json}. */
    record Metadata(
            @JsonProperty("Version") Integer version,
            @JsonProperty("NextUpdate") OffsetDateTime nextUpdate,
            @JsonProperty("UpdatedAt") OffsetDateTime updatedAt) {}

    /**
     * Checks {@code manifest} pushed to {@code repo} and returns the facts to record.
     *
     * @throws OciException MANIFEST_INVALID saying what is wrong
     */
    public TrivyDbFacts inspect(RepositoryName repo, TrivyArtifact artifact, Digest digest, Manifest manifest)
            throws IOException {
        if (!(manifest instanceof Manifest.Image image)) {
            throw invalid(repo + " holds a Trivy " + artifact.name().toLowerCase() + ": push an image manifest with"
                    + " one layer, not an index");
        }
        if (image.layers().size() != 1) {
            throw invalid("a Trivy artifact has exactly one layer, this manifest has "
                    + image.layers().size());
        }
        Descriptor layer = image.layers().get(0);
        if (!artifact.layerMediaType().equals(layer.mediaType())) {
            throw invalid("the layer of a Trivy " + artifact.name().toLowerCase() + " has media type "
                    + artifact.layerMediaType() + ", not " + layer.mediaType());
        }
        Metadata metadata = artifact.hasMetadata() ? readMetadata(repo, layer) : null;
        return new TrivyDbFacts(
                repo.value(),
                artifact,
                null,
                digest.toString(),
                layer.digest().toString(),
                layer.size(),
                metadata == null ? null : metadata.version(),
                metadata == null ? null : metadata.updatedAt().toInstant(),
                metadata == null || metadata.nextUpdate() == null
                        ? null
                        : metadata.nextUpdate().toInstant(),
                Instant.EPOCH);
    }

    private Metadata readMetadata(RepositoryName repo, Descriptor layer) throws IOException {
        BlobInfo blob = registry.requireBlob(repo, layer.digest());
        try (InputStream raw = registry.open(blob, 0, blob.size())) {
            return readMetadata(raw);
        }
    }

    /** Finds and parses {@code metadata.json} in a tar.gz stream, reading no further than that entry. */
    static Metadata readMetadata(InputStream tarGz) throws IOException {
        byte[] json = null;
        try (GzipCompressorInputStream gz = new GzipCompressorInputStream(tarGz);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (entry.isFile() && name.equals("metadata.json")) {
                    if (entry.getSize() > MAX_METADATA_BYTES) {
                        throw invalid("metadata.json is larger than " + MAX_METADATA_BYTES + " bytes");
                    }
                    json = tar.readNBytes(MAX_METADATA_BYTES);
                    break;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the layer is not a readable tar.gz: " + e.getMessage());
        }
        if (json == null) {
            throw invalid("the layer holds no metadata.json");
        }
        Metadata m;
        try {
            m = JSON.readValue(json, Metadata.class);
        } catch (IOException e) {
            throw invalid("metadata.json is not valid: " + firstLine(e.getMessage()));
        }
        if (m.version() == null || m.updatedAt() == null) {
            throw invalid("metadata.json needs Version and UpdatedAt");
        }
        return m;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static OciException invalid(String detail) {
        return new OciException(OciError.MANIFEST_INVALID, detail);
    }
}
