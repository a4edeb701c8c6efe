package io.airlock.cli.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlock.catalog.client.ArtifactKind;
import io.airlock.cli.CliException;
import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.bundle.BundleManifest.Destination;
import io.airlock.cli.bundle.BundleManifest.Entry;
import io.airlock.cli.bundle.BundleManifest.Item;
import io.airlock.cli.bundle.BundleWriter;
import io.airlock.cli.remote.Http;
import io.airlock.cli.remote.OciClient;
import io.airlock.cli.remote.Progress;
import io.airlock.images.ImageReference;
import io.airlock.oci.Descriptor;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.Manifests;
import io.airlock.oci.MediaTypes;
import io.airlock.oci.OciJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Fetches what a spec lists into a staging directory beside the output (digests checked while streaming; a blob
 * already staged by an interrupted run is kept), then writes the signed bundle from it and removes the staging.
 * With a previous manifest, items whose destination already had the same digest are left out (a delta bundle).
 */
public final class BundleCreator {
    private final Path out;
    private final Path staging;
    private final PrintStream log;
    private final Map<String, Item> previous = new HashMap<>();
    private final Map<String, OciClient> registries = new HashMap<>();
    private final List<Item> items = new ArrayList<>();
    private final Map<String, Path> content = new LinkedHashMap<>();
    private int counter;
    private int unchanged;
    private boolean zstd;
    private RegistryAuth auth = RegistryAuth.none();
    /** Blobs of container images carried by this bundle: hex digest to the repository of the image carrying it. */
    private final Map<String, String> imageBlobs = new HashMap<>();
    /** Blobs of container images carried by the --since bundle (imported before this one), likewise. */
    private final Map<String, String> previousImageBlobs = new HashMap<>();

    private int sharedBlobs;
    private long sharedBytes;

    public BundleCreator(Path out, BundleManifest since, PrintStream log) {
        this.out = out;
        this.staging = out.resolveSibling(out.getFileName() + ".staging");
        this.log = log;
        if (since != null) {
            for (Item i : since.items()) {
                previous.put(i.destination().toString(), i);
                if (ArtifactKind.CONTAINER_IMAGE.id().equals(i.kind())) {
                    for (Entry e : i.entries()) {
                        if (e.mediaType() == null && e.path().contains("/blobs/sha256/")) {
                            previousImageBlobs.putIfAbsent(
                                    e.sha256(), i.destination().repository());
                        }
                    }
                    for (BundleManifest.Shared sh : i.sharedBlobs()) {
                        previousImageBlobs.putIfAbsent(sh.sha256(), sh.repository());
                    }
                }
            }
        }
    }

    /** Compress the bundle with zstd (level 3). */
    public BundleCreator zstd(boolean value) {
        this.zstd = value;
        return this;
    }

    /** Credentials per upstream registry for container images ({@code --registry-auth}). */
    public BundleCreator auth(RegistryAuth value) {
        this.auth = value;
        return this;
    }

    /** One thing to fetch: an OCI artifact, a container image or a file. */
    public sealed interface Job permits OciJob, FileJob, ImageJob {}

    /**
     * A container image by its normalized reference, fetched from {@code url} (its upstream's API, or a mirror).
     *
     * @param platforms the platforms to keep of a multi-platform image; empty keeps the whole index
     */
    public record ImageJob(ImageReference reference, String url, List<String> platforms) implements Job {
        public ImageJob {
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
        }
    }

    public record OciJob(String registry, String repository, String tag, String kind, String destination)
            implements Job {}

    public record FileJob(String url, String path, String kind) implements Job {}

    public BundleManifest create(String name, String sinceName, List<Job> jobs, PrivateKey key, String keyFingerprint)
            throws IOException {
        Files.createDirectories(staging);
        for (Job job : jobs) {
            counter++;
            String dir = String.format("items/%03d", counter);
            if (job instanceof OciJob) {
                oci((OciJob) job, dir);
            } else if (job instanceof ImageJob) {
                image((ImageJob) job, dir);
            } else {
                file((FileJob) job, dir);
            }
        }
        BundleManifest unsigned =
                new BundleManifest(BundleManifest.FORMAT, name, Instant.now(), null, sinceName, items);
        BundleManifest signed = BundleWriter.write(out, unsigned, key, keyFingerprint, content, zstd);
        deleteTree(staging);
        long total = Files.size(out);
        log.println("wrote " + out + ": " + items.size() + " items, " + Progress.bytes(total)
                + (sinceName != null ? ", " + unchanged + " unchanged since " + sinceName + " left out" : "")
                + (sharedBlobs > 0
                        ? ", " + sharedBlobs + " image blobs (" + Progress.bytes(sharedBytes)
                                + ") shared with other images stored once"
                        : "")
                + ", signed by " + keyFingerprint);
        return signed;
    }

    /**
     * Fetches one tag: an image manifest with its config and layers, or an image index (multi-platform Falco plugins)
     * with every platform's manifest and their blobs. Each manifest is pulled by digest and checked against the
     * descriptor that names it; each blob is checked while it streams. The item's entries are ordered as the import
     * pushes them: blobs, then the platform manifests, then the top manifest or index, which the tag points at.
     */
    private void oci(OciJob job, String dir) throws IOException {
        OciClient client = registries.computeIfAbsent(job.registry(), r -> new OciClient(r, null, null));
        String source = client.host() + "/" + job.repository() + ":" + job.tag();
        OciClient.Pulled pulled = client.manifest(job.repository(), job.tag());
        boolean isIndex = MediaTypes.INDEXES.contains(pulled.mediaType());
        if (!isIndex && !MediaTypes.IMAGE_MANIFESTS.contains(pulled.mediaType())) {
            throw CliException.usage(
                    source + " is " + pulled.mediaType() + ", neither an image manifest nor an image index",
                    "Remove it from the spec");
        }
        Destination destination = Destination.oci(job.destination(), job.tag());
        if (isUnchanged(destination, pulled.digest().hex())) {
            return;
        }
        List<OciClient.Pulled> children = new ArrayList<>();
        List<Manifest.Image> images = new ArrayList<>();
        Map<String, String> annotations;
        if (isIndex) {
            Manifest.Index index = (Manifest.Index) Manifests.parse(pulled.bytes(), pulled.mediaType());
            if (index.manifests().isEmpty()) {
                throw CliException.usage(
                        source + " is an image index that lists no manifests", "Remove it from the spec");
            }
            for (Descriptor d : index.manifests()) {
                requireSha256(source, d);
                OciClient.Pulled child =
                        client.manifest(job.repository(), d.digest().toString());
                if (child.bytes().length != d.size()) {
                    throw CliException.remote(
                            "registry " + client.base() + " sent " + child.bytes().length + " bytes for manifest "
                                    + d.digest() + " of " + source + ", its index says " + d.size(),
                            "The upstream is inconsistent: retry later");
                }
                if (!MediaTypes.IMAGE_MANIFESTS.contains(child.mediaType())) {
                    throw CliException.usage(
                            source + " lists " + d.digest() + " of type " + child.mediaType()
                                    + "; bundles carry indexes of image manifests, not nested indexes",
                            "Remove it from the spec");
                }
                if (children.stream().noneMatch(c -> c.digest().equals(child.digest()))) {
                    children.add(child);
                    images.add((Manifest.Image) Manifests.parse(child.bytes(), child.mediaType()));
                }
            }
            annotations = index.annotations();
        } else {
            Manifest.Image image = (Manifest.Image) Manifests.parse(pulled.bytes(), pulled.mediaType());
            images.add(image);
            annotations = image.annotations();
        }
        Path blobs = staging.resolve(dir).resolve("blobs/sha256");
        Files.createDirectories(blobs);
        List<Entry> entries = new ArrayList<>();
        entries.add(stage(
                dir + "/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), null));
        Map<Digest, Descriptor> refs = new LinkedHashMap<>();
        java.util.Set<Digest> configs = new java.util.HashSet<>();
        for (Manifest.Image image : images) {
            if (image.config() != null) {
                configs.add(image.config().digest());
            }
            for (Descriptor d : image.references()) {
                refs.putIfAbsent(d.digest(), d);
            }
        }
        Instant builtAt = null;
        Instant validUntil = null;
        for (Descriptor d : refs.values()) {
            requireSha256(source, d);
            String path = dir + "/blobs/sha256/" + d.digest().hex();
            Path file = staging.resolve(path);
            client.blobToFile(job.repository(), d.digest(), d.size(), file, source + " " + shortDigest(d.digest()));
            content.put(path, file);
            entries.add(Entry.of(path, d.digest().hex(), d.size()));
            if (!configs.contains(d.digest())
                    && d.mediaType().contains("trivy")
                    && d.mediaType().endsWith("tar+gzip")) {
                Instant[] facts = trivyMetadata(file);
                builtAt = facts[0];
                validUntil = facts[1];
            }
        }
        if (builtAt == null && annotations == null && !images.isEmpty()) {
            annotations = images.get(0).annotations();
        }
        if (builtAt == null && annotations != null) {
            builtAt = parseInstant(annotations.get("org.opencontainers.image.created"));
        }
        for (OciClient.Pulled child : children) {
            entries.add(stage(dir + "/blobs/sha256/" + child.digest().hex(), child.bytes(), child.mediaType()));
        }
        entries.add(stage(dir + "/blobs/sha256/" + pulled.digest().hex(), pulled.bytes(), pulled.mediaType()));
        Descriptor top = new Descriptor(
                pulled.mediaType(),
                pulled.digest(),
                pulled.bytes().length,
                null,
                Map.of("org.opencontainers.image.ref.name", job.tag()),
                null,
                null);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", List.of(top));
        entries.add(stage(dir + "/index.json", OciJson.MAPPER.writeValueAsBytes(index), null));
        long size = entries.stream().mapToLong(Entry::size).sum();
        items.add(new Item(
                job.kind(),
                dir,
                pulled.digest().hex(),
                size,
                pulled.mediaType(),
                source,
                builtAt,
                validUntil,
                destination,
                entries));
        log.println("fetched " + source + " (" + pulled.digest()
                + (isIndex ? ", an index of " + children.size() + " platform manifests" : "") + ", "
                + Progress.bytes(size) + ")");
    }

    /**
     * Fetches one container image digest-exact: its manifest or index (with every platform manifest), config and
     * layers, each blob checked while it streams. A blob that an earlier image of this bundle (or of the --since
     * bundle) carries is not stored again: the item lists it as shared, and the import mounts it from there. With
     * platforms given, an index is rewritten to list only those (its digest changes; the output says so); a reference
     * pinned by digest is always carried whole, since a rewritten index would no longer be what it pins.
     */
    private void image(ImageJob job, String dir) throws IOException {
        try {
            fetchImage(job, dir);
        } catch (CliException e) {
            throw new CliException(e.exitCode(), "image " + job.reference() + ": " + e.getMessage(), e.next());
        }
    }

    private void fetchImage(ImageJob job, String dir) throws IOException {
        ImageReference ref = job.reference();
        String source = ref.toString();
        String repository = ref.mirrorRepository();
        OciClient client = registries.computeIfAbsent("image " + ref.registry() + " " + job.url(), k -> {
            RegistryAuth.Credential c = auth.forHost(ref.registry()).orElse(null);
            return new OciClient(job.url(), c == null ? null : c.user(), c == null ? null : c.password());
        });
        OciClient.Pulled pulled = client.manifest(ref.path(), ref.manifestReference());
        boolean isIndex = MediaTypes.INDEXES.contains(pulled.mediaType());
        if (!isIndex && !MediaTypes.IMAGE_MANIFESTS.contains(pulled.mediaType())) {
            throw CliException.usage(
                    "it is " + pulled.mediaType() + ", neither an image manifest nor an image index",
                    "Remove it from the list");
        }
        boolean filter = isIndex && !job.platforms().isEmpty();
        if (filter && ref.digest() != null) {
            log.println("image " + source + " is pinned by digest: carried with all its platforms");
            filter = false;
        }
        byte[] topBytes = pulled.bytes();
        List<String> platforms = new ArrayList<>();
        List<OciClient.Pulled> children = new ArrayList<>();
        List<Manifest.Image> images = new ArrayList<>();
        if (isIndex) {
            Manifest.Index index = (Manifest.Index) Manifests.parse(pulled.bytes(), pulled.mediaType());
            ObjectNode root = (ObjectNode) OciJson.MAPPER.readTree(pulled.bytes());
            ArrayNode raw = (ArrayNode) root.get("manifests");
            ArrayNode kept = OciJson.MAPPER.createArrayNode();
            List<String> available = new ArrayList<>();
            for (int i = 0; i < index.manifests().size(); i++) {
                Descriptor d = index.manifests().get(i);
                String platform = platform(d.platform());
                if (platform != null) {
                    available.add(platform);
                }
                if (filter && (platform == null || !matches(platform, job.platforms()))) {
                    continue;
                }
                kept.add(raw.get(i));
                requireSha256(source, d);
                if (platform != null && !platform.startsWith("unknown/")) {
                    platforms.add(platform);
                }
                if (children.stream().anyMatch(c -> c.digest().equals(d.digest()))) {
                    continue;
                }
                OciClient.Pulled child = client.manifest(ref.path(), d.digest().toString());
                if (child.bytes().length != d.size()) {
                    throw CliException.remote(
                            "registry " + client.base() + " sent " + child.bytes().length + " bytes for manifest "
                                    + d.digest() + ", its index says " + d.size(),
                            "The upstream is inconsistent: retry later");
                }
                if (!MediaTypes.IMAGE_MANIFESTS.contains(child.mediaType())) {
                    throw CliException.usage(
                            "its index lists " + d.digest() + " of type " + child.mediaType()
                                    + "; bundles carry indexes of image manifests, not nested indexes",
                            "Remove it from the list");
                }
                children.add(child);
                images.add((Manifest.Image) Manifests.parse(child.bytes(), child.mediaType()));
            }
            if (filter) {
                if (kept.isEmpty()) {
                    throw CliException.usage(
                            "it has none of the platforms " + String.join(",", job.platforms()) + " (it has "
                                    + String.join(",", available) + ")",
                            "Widen --platform or remove the image");
                }
                if (kept.size() < raw.size()) {
                    root.set("manifests", kept);
                    topBytes = OciJson.MAPPER.writeValueAsBytes(root);
                }
            }
        } else {
            images.add((Manifest.Image) Manifests.parse(pulled.bytes(), pulled.mediaType()));
        }
        Digest topDigest = Digest.sha256(topBytes);
        Destination destination = Destination.oci(repository, ref.tag() != null ? ref.tag() : ref.digest());
        if (isUnchanged(destination, topDigest.hex())) {
            return;
        }
        Path blobs = staging.resolve(dir).resolve("blobs/sha256");
        Files.createDirectories(blobs);
        List<Entry> entries = new ArrayList<>();
        entries.add(stage(
                dir + "/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), null));
        Map<Digest, Descriptor> refs = new LinkedHashMap<>();
        for (Manifest.Image image : images) {
            for (Descriptor d : image.references()) {
                refs.putIfAbsent(d.digest(), d);
            }
        }
        List<BundleManifest.Shared> shared = new ArrayList<>();
        long carried = 0;
        for (Descriptor d : refs.values()) {
            requireSha256(source, d);
            String hex = d.digest().hex();
            String from = imageBlobs.get(hex);
            if (from == null) {
                from = previousImageBlobs.get(hex);
            }
            if (from != null) {
                shared.add(new BundleManifest.Shared(hex, d.size(), from));
                sharedBlobs++;
                sharedBytes += d.size();
                continue;
            }
            String path = dir + "/blobs/sha256/" + hex;
            Path file = staging.resolve(path);
            client.blobToFile(ref.path(), d.digest(), d.size(), file, source + " " + shortDigest(d.digest()));
            content.put(path, file);
            entries.add(Entry.of(path, hex, d.size()));
            carried += d.size();
        }
        if (!isIndex) {
            platforms.addAll(configPlatform(client, ref, images.get(0), staging.resolve(dir)));
        }
        for (OciClient.Pulled child : children) {
            entries.add(stage(dir + "/blobs/sha256/" + child.digest().hex(), child.bytes(), child.mediaType()));
        }
        entries.add(stage(dir + "/blobs/sha256/" + topDigest.hex(), topBytes, pulled.mediaType()));
        Descriptor top = new Descriptor(
                pulled.mediaType(),
                topDigest,
                topBytes.length,
                null,
                Map.of("org.opencontainers.image.ref.name", destination.tag()),
                null,
                null);
        Map<String, Object> layoutIndex = new LinkedHashMap<>();
        layoutIndex.put("schemaVersion", 2);
        layoutIndex.put("mediaType", MediaTypes.OCI_INDEX);
        layoutIndex.put("manifests", List.of(top));
        entries.add(stage(dir + "/index.json", OciJson.MAPPER.writeValueAsBytes(layoutIndex), null));
        for (Entry e : entries) {
            if (e.mediaType() == null && e.path().contains("/blobs/sha256/")) {
                imageBlobs.putIfAbsent(e.sha256(), repository);
            }
        }
        Map<String, String> annotations = isIndex
                ? ((Manifest.Index) Manifests.parse(topBytes, pulled.mediaType())).annotations()
                : images.get(0).annotations();
        Instant builtAt =
                annotations == null ? null : parseInstant(annotations.get("org.opencontainers.image.created"));
        long size = entries.stream().mapToLong(Entry::size).sum();
        items.add(new Item(
                ArtifactKind.CONTAINER_IMAGE.id(),
                dir,
                topDigest.hex(),
                size,
                pulled.mediaType(),
                source,
                builtAt,
                null,
                destination,
                entries,
                platforms.stream().distinct().toList(),
                shared));
        String rewritten = topDigest.equals(pulled.digest())
                ? ""
                : "; index rewritten to " + String.join(",", platforms) + ", digest " + topDigest + " instead of "
                        + "upstream " + pulled.digest();
        log.println("fetched " + source + " (" + topDigest
                + (isIndex ? ", an index of " + children.size() + " manifests" : "") + ", "
                + Progress.bytes(carried) + " of blobs carried"
                + (shared.isEmpty()
                        ? ""
                        : ", " + shared.size() + (shared.size() == 1 ? " blob" : " blobs")
                                + " shared with earlier images")
                + rewritten
                + ")");
    }

    /** {@code os/arch[/variant]} of an index entry, or null when it names none. */
    private static String platform(Descriptor.Platform p) {
        if (p == null || p.os() == null || p.architecture() == null) {
            return null;
        }
        return p.os() + "/" + p.architecture()
                + (p.variant() == null || p.variant().isBlank() ? "" : "/" + p.variant());
    }

    /** {@code linux/arm64} matches {@code linux/arm64/v8}; a wanted variant must match exactly. */
    static boolean matches(String platform, List<String> wanted) {
        for (String w : wanted) {
            if (platform.equals(w) || (w.split("/").length == 2 && platform.startsWith(w + "/"))) {
                return true;
            }
        }
        return false;
    }

    /** The platform of a single-platform image, from its config (os, architecture, variant). */
    private List<String> configPlatform(OciClient client, ImageReference ref, Manifest.Image image, Path itemDir)
            throws IOException {
        Descriptor config = image.config();
        if (config == null || config.size() > 1024 * 1024 || !config.mediaType().contains("config")) {
            return List.of();
        }
        Path file = null;
        for (Map.Entry<String, Path> c : content.entrySet()) {
            if (c.getKey().endsWith("/blobs/sha256/" + config.digest().hex())) {
                file = c.getValue();
                break;
            }
        }
        if (file == null) {
            file = itemDir.resolve("config-" + config.digest().hex());
            client.blobToFile(ref.path(), config.digest(), config.size(), file, ref + " config");
        }
        JsonNode json = OciJson.MAPPER.readTree(file.toFile());
        String os = json.path("os").asText("");
        String arch = json.path("architecture").asText("");
        if (os.isEmpty() || arch.isEmpty()) {
            return List.of();
        }
        String variant = json.path("variant").asText("");
        return List.of(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
    }

    private static void requireSha256(String source, Descriptor d) {
        if (!Digest.SHA256.equals(d.digest().algorithm())) {
            throw CliException.usage(source + " references " + d.digest() + "; bundles carry sha256 content", null);
        }
    }

    private void file(FileJob job, String dir) throws IOException {
        URI uri = URI.create(job.url());
        String base = job.path().substring(job.path().lastIndexOf('/') + 1);
        String path = dir + "/" + base;
        Path file = staging.resolve(path);
        Files.createDirectories(file.getParent());
        HttpResponse<InputStream> r;
        try {
            r = Http.sendIdempotent(
                    HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw Http.unreachable("upstream", uri, e);
        }
        if (r.statusCode() != 200) {
            Http.discard(r);
            throw CliException.remote(
                    "upstream " + uri + " answered " + r.statusCode(),
                    r.statusCode() == 404
                            ? "Check the version, kernel or plugin name in the spec"
                            : "Retry later; the upstream failed");
        }
        long expected = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        Path tmp = file.resolveSibling(base + ".tmp");
        MessageDigest md = sha256();
        long n;
        long start = System.nanoTime();
        try (InputStream in = Progress.track(base, expected, r.body(), false);
                OutputStream o = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
            n = in.transferTo(o);
        }
        if (expected >= 0 && n != expected) {
            throw CliException.remote(
                    "upstream " + uri + " sent " + n + " of " + expected + " bytes", "Run the same command again");
        }
        String hex = HexFormat.of().formatHex(md.digest());
        Destination destination = Destination.file(job.path());
        if (isUnchanged(destination, hex)) {
            Files.delete(tmp);
            return;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        content.put(path, file);
        Instant builtAt = r.headers()
                .firstValue("Last-Modified")
                .map(v -> {
                    try {
                        return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant();
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .orElse(null);
        items.add(new Item(
                job.kind(),
                path,
                hex,
                n,
                null,
                job.url(),
                builtAt,
                null,
                destination,
                List.of(Entry.of(path, hex, n))));
        log.println("fetched " + job.url() + " (" + Progress.bytes(n) + ", "
                + Progress.rate(n, System.nanoTime() - start) + ")");
    }

    private boolean isUnchanged(Destination destination, String sha256) {
        Item before = previous.get(destination.toString());
        if (before != null && before.sha256().equals(sha256)) {
            unchanged++;
            log.println("unchanged since the previous bundle: " + destination);
            return true;
        }
        return false;
    }

    private Entry stage(String path, byte[] bytes, String mediaType) throws IOException {
        Path file = staging.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        content.put(path, file);
        return new Entry(path, HexFormat.of().formatHex(sha256().digest(bytes)), bytes.length, mediaType);
    }

    /** UpdatedAt and NextUpdate from the metadata.json inside a Trivy DB layer (tar.gz), when present. */
    static Instant[] trivyMetadata(Path layer) {
        try (InputStream in = Files.newInputStream(layer);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in, 64 * 1024))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String n = e.getName();
                if (n.equals("metadata.json") || n.endsWith("/metadata.json")) {
                    JsonNode m = OciJson.MAPPER.readTree(tar.readNBytes(1024 * 1024));
                    return new Instant[] {
                        parseInstant(m.path("UpdatedAt").asText(null)),
                        parseInstant(m.path("NextUpdate").asText(null))
                    };
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a readable tar.gz: the build time stays unknown
        }
        return new Instant[] {null, null};
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shortDigest(Digest d) {
        return d.hex().substring(0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
