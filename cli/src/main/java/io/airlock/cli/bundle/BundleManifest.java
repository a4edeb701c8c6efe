package io.airlock.cli.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code manifest.json}, the first entry of a bundle and the only thing the signature covers directly: it names every
 * other entry of the tar with its sha256 and size, so checking the signature and then each entry proves the whole
 * bundle. Tar entry order is manifest.json, manifest.json.sig, then each item's entries, contiguously, in item order.
 *
 * @param format always {@link #FORMAT}
 * @param name the bundle's name (its file name without {@code .tar}); recorded in the catalog as the source
 * @param createdAt when the bundle was written
 * @param signingKey fingerprint of the public key whose private half signed it ({@code sha256:<hex>})
 * @param since name of the bundle this one is a delta to, or null
 * @param items what the bundle carries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
        String format, String name, Instant createdAt, String signingKey, String since, List<Item> items) {
    public static final String FORMAT = "airlock-bundle/v1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.sig";
    /** The manifest is read into memory to check its signature: it may not be larger than this. */
    public static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public BundleManifest {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static BundleManifest parse(byte[] json) throws IOException {
        BundleManifest m = JSON.readValue(json, BundleManifest.class);
        if (!FORMAT.equals(m.format())) {
            throw new IOException("unknown bundle format " + m.format() + " (this airlock reads " + FORMAT + ")");
        }
        return m;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One artifact version the bundle carries.
     *
     * @param kind catalog kind: trivy-db, trivy-java-db, trivy-checks, falco-driver, falco-rulesfile, falco-plugin,
     *     opensearch-plugin, file
     * @param path the item's path in the tar: the file itself, or the directory of an OCI image layout
     * @param sha256 hex digest of the file, or of the OCI manifest or image index (what the tag will point at)
     * @param size bytes of the file, or of all the item's entries together for an OCI artifact
     * @param mediaType the media type of the OCI manifest or image index the tag points at, or null for a file
     * @param source where it came from (URL, or {@code registry/repository:tag})
     * @param upstreamBuiltAt when upstream built it, where known (Trivy's UpdatedAt, a Last-Modified header)
     * @param validUntil until when upstream considers it current (Trivy's NextUpdate), where known
     * @param destination where the import puts it
     * @param entries every tar entry of this item with its own digest and size (an OCI layout has several)
     * @param platforms for a container image, the platforms it carries ({@code linux/amd64}); else absent
     * @param shared for a container image, the blobs it needs that an earlier item of this bundle (or of the bundle
     *     given to {@code --since}) carries: stored once, mounted from that item's repository at import
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            String kind,
            String path,
            String sha256,
            long size,
            String mediaType,
            String source,
            Instant upstreamBuiltAt,
            Instant validUntil,
            Destination destination,
            List<Entry> entries,
            List<String> platforms,
            List<Shared> shared) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(destination, "destination");
            entries = entries == null ? List.of() : List.copyOf(entries);
            platforms = platforms == null || platforms.isEmpty() ? null : List.copyOf(platforms);
            shared = shared == null || shared.isEmpty() ? null : List.copyOf(shared);
        }

        /** Anything but a container image. */
        public Item(
                String kind,
                String path,
                String sha256,
                long size,
                String mediaType,
                String source,
                Instant upstreamBuiltAt,
                Instant validUntil,
                Destination destination,
                List<Entry> entries) {
            this(
                    kind,
                    path,
                    sha256,
                    size,
                    mediaType,
                    source,
                    upstreamBuiltAt,
                    validUntil,
                    destination,
                    entries,
                    null,
                    null);
        }

        /** The shared blobs, never null. */
        @JsonIgnore
        public List<Shared> sharedBlobs() {
            return shared == null ? List.of() : shared;
        }

        @JsonIgnore
        public boolean isOci() {
            return destination.repository() != null;
        }

        /** How messages name the item: its destination. */
        @JsonIgnore
        public String label() {
            return destination.toString();
        }
    }

    /**
     * Where an item goes: a file server path (decoded, no leading slash, e.g. {@code 8.1.0+driver/x86_64/falco_….ko})
     * or an OCI repository and tag.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String file, String repository, String tag) {
        public Destination {
            if ((file == null) == (repository == null)) {
                throw new IllegalArgumentException("a destination is a file or a repository");
            }
            if (repository != null && tag == null) {
                throw new IllegalArgumentException("an OCI destination needs a tag");
            }
        }

        public static Destination file(String path) {
            return new Destination(path, null, null);
        }

        public static Destination oci(String repository, String tag) {
            return new Destination(null, repository, tag);
        }

        @Override
        public String toString() {
            return file != null ? file : repository + ":" + tag;
        }
    }

    /**
     * One tar entry: its path, sha256 (hex) and size; for an OCI manifest inside an item (the platform manifests of an
     * image index, and the top manifest) also its media type, so that the import pushes it as a manifest, by digest,
     * after its blobs and before the index. Absent for blobs and files, and in bundles written before indexes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String path, String sha256, long size, String mediaType) {
        /** A file or blob entry. */
        public static Entry of(String path, String sha256, long size) {
            return new Entry(path, sha256, size, null);
        }
    }

    /**
     * A blob a container image needs but does not carry itself, because another image carries it already: the bundle
     * holds each blob once however many images share it.
     *
     * @param sha256 hex digest of the blob
     * @param size its size
     * @param repository the (upstream-named) repository of the image that carries it; the import mounts it from there
     */
    public record Shared(String sha256, long size, String repository) {}
}
