package io.airlock.oci;

import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobKeys;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The registry core of the OCI distribution spec over a {@link BlobStore}: blobs shared by content across
 * repositories, per-repository links, manifests, tags and referrers; blobs are written through {@link #uploads()}
 * (whole, or in resumable sessions). It keeps no state of its own (everything is in the store, laid out by
 * {@link RegistryLayout}), so any number of replicas can serve the same store, and an upload started on one replica can
 * be continued on another.
 *
 * <p>Every refusal is an {@link OciException} with the spec's code. Storage failures are {@link IOException}s. Blob
 * content is streamed and verified against its digest while it is written; only manifests (at most
 * {@link Manifests#MAX_SIZE}) are held in memory.
 */
public final class Registry {
    /** How long a by-tag lookup may use a revision link it read before (see {@link #manifest}). */
    static final Duration LINK_MEMORY = Duration.ofSeconds(60);

    static final int MAX_LINKS = 10_000;

    private final BlobStore store;
    private final Clock clock;
    private final StoreDocuments documents;
    private final BlobWriter writer;
    private final Uploads uploads;
    /** Revision links read by by-tag lookups, by key: a cache of immutable facts, not state (ADR 60). */
    private final Map<String, SeenLink> links = new ConcurrentHashMap<>();

    private record SeenLink(ManifestLink link, Instant at) {}

    public Registry(BlobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.documents = new StoreDocuments(store);
        this.writer = new BlobWriter(store, documents);
        this.uploads = new Uploads(store, clock, documents, writer);
    }

    public BlobStore store() {
        return store;
    }

    /** Where blobs are written: monolithic uploads and resumable upload sessions. */
    public Uploads uploads() {
        return uploads;
    }

    // ---------------------------------------------------------------- blobs

    /**
     * The blob when {@code repo} links it and its bytes exist. The link is looked up every time (a delete on any replica
     * takes effect at once); the bytes' metadata may come from memory, since {@code blobs/<alg>/<hex>} never changes.
     */
    public Optional<BlobInfo> blob(RepositoryName repo, Digest digest) throws IOException {
        if (store.stat(RegistryLayout.layerLink(repo, digest)).isEmpty()) {
            return Optional.empty();
        }
        return store.statImmutable(RegistryLayout.blob(digest));
    }

    /** Like {@link #blob} but refuses with BLOB_UNKNOWN. */
    public BlobInfo requireBlob(RepositoryName repo, Digest digest) throws IOException {
        return blob(repo, digest)
                .orElseThrow(() -> new OciException(OciError.BLOB_UNKNOWN, digest + " is not in " + repo));
    }

    /** Opens a byte range of a blob or manifest found by this registry. */
    public InputStream open(BlobInfo blob, long offset, long length) throws IOException {
        return store.open(blob, offset, length);
    }

    /** A local file with the blob's bytes, when the backend has one (zero-copy sends). */
    public Optional<Path> localFile(BlobInfo blob) {
        return store.localFile(blob);
    }

    /**
     * Removes the blob from {@code repo} (its bytes stay while another repository or manifest needs them; garbage
     * collection frees them).
     */
    public void deleteBlob(RepositoryName repo, Digest digest) throws IOException {
        if (!store.delete(RegistryLayout.layerLink(repo, digest))) {
            throw new OciException(OciError.BLOB_UNKNOWN, digest + " is not in " + repo);
        }
    }

    /**
     * Cross-repository mount: links a blob of {@code from} into {@code repo} without moving bytes. False when
     * {@code from} does not hold it (the client then uploads it).
     */
    public boolean mount(RepositoryName repo, Digest digest, RepositoryName from) throws IOException {
        if (blob(from, digest).isEmpty()) {
            return false;
        }
        writer.link(repo, digest);
        return true;
    }

    // ---------------------------------------------------------------- manifests

    /**
     * Stores a manifest under a tag or its digest. Refused when it is over {@link Manifests#MAX_SIZE} (413), invalid
     * (MANIFEST_INVALID), pushed by a digest it does not have (DIGEST_INVALID), references content the repository
     * lacks (MANIFEST_BLOB_UNKNOWN), or {@code check} refuses it. Published in an order that never shows a tag
     * before its manifest: bytes, referrer entry, revision link, tag.
     *
     * @param contentLength the declared length, or -1 when unknown
     */
    public StoredManifest putManifest(
            RepositoryName repo,
            Reference reference,
            String contentType,
            InputStream body,
            long contentLength,
            ManifestCheck check)
            throws IOException {
        if (contentLength > Manifests.MAX_SIZE) {
            throw tooLarge();
        }
        byte[] bytes = readManifestBody(body, contentLength);
        Digest digest = reference instanceof Digest d ? Digest.of(d.algorithm(), bytes) : Digest.sha256(bytes);
        if (reference instanceof Digest d && !d.equals(digest)) {
            throw new OciException(
                    OciError.DIGEST_INVALID, "the manifest's digest is " + digest + ", it was pushed as " + d);
        }
        Manifest manifest = Manifests.parse(bytes, contentType);
        requireReferences(repo, manifest);
        check.check(repo, digest, manifest);

        writer.write(digest, new ByteArrayInputStream(bytes), bytes.length);
        Descriptor subject = manifest.subject();
        if (subject != null) {
            Descriptor entry = new Descriptor(
                    manifest.mediaType(),
                    digest,
                    bytes.length,
                    manifest.effectiveArtifactType().orElse(null),
                    manifest.annotations(),
                    null,
                    null);
            documents.putJson(RegistryLayout.referrer(repo, subject.digest(), digest), entry);
        }
        links.remove(RegistryLayout.revisionLink(repo, digest));
        documents.putJson(
                RegistryLayout.revisionLink(repo, digest),
                new ManifestLink(
                        manifest.mediaType(),
                        bytes.length,
                        subject == null ? null : subject.digest().toString()));
        if (reference instanceof Tag tag) {
            documents.putSmall(RegistryLayout.tag(repo, tag), digest.toString());
        }
        return manifest(repo, digest).orElseThrow(() -> new IOException("manifest vanished after publish"));
    }

    private static OciException tooLarge() {
        return new OciException(
                OciError.SIZE_INVALID, "manifests are limited to " + Manifests.MAX_SIZE + " bytes", 413);
    }

    private static byte[] readManifestBody(InputStream body, long contentLength) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength > 0 ? (int) contentLength : 4096);
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = body.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > Manifests.MAX_SIZE) {
                throw tooLarge();
            }
        }
        if (contentLength >= 0 && out.size() != contentLength) {
            throw new OciException(
                    OciError.SIZE_INVALID, "body has " + out.size() + " bytes, Content-Length says " + contentLength);
        }
        if (out.size() == 0) {
            throw new OciException(OciError.MANIFEST_INVALID, "empty manifest");
        }
        return out.toByteArray();
    }

    private void requireReferences(RepositoryName repo, Manifest manifest) throws IOException {
        for (Descriptor d : manifest.references()) {
            if (d.urls() != null && !d.urls().isEmpty()) {
                continue; // a foreign layer: fetched from its URLs, not from here
            }
            long size;
            if (manifest instanceof Manifest.Index) {
                size = manifest(repo, d.digest())
                        .orElseThrow(() -> new OciException(
                                OciError.MANIFEST_BLOB_UNKNOWN, "manifest " + d.digest() + " is not in " + repo))
                        .size();
            } else {
                size = blob(repo, d.digest())
                        .orElseThrow(() -> new OciException(
                                OciError.MANIFEST_BLOB_UNKNOWN, "blob " + d.digest() + " is not in " + repo))
                        .size();
            }
            if (size != d.size()) {
                throw new OciException(
                        OciError.MANIFEST_INVALID,
                        d.digest() + " has " + size + " bytes, the manifest says " + d.size());
            }
        }
    }

    /**
     * The manifest a tag or digest names in {@code repo}.
     *
     * <p>The tag is read from the store every time, so a tag moved or deleted on any replica is seen at once. A by-tag
     * lookup may then use the revision link of the digest it points at as read within {@link #LINK_MEMORY}: a link's
     * content is fixed by the manifest's bytes, and a manifest is deleted only after every tag pointing at it, so a tag
     * just read names a manifest whose link exists. A lookup by digest reads the link every time (its existence is the
     * answer). The bytes' metadata may come from memory ({@link BlobStore#statImmutable}). See ADR 60.
     */
    public Optional<StoredManifest> manifest(RepositoryName repo, Reference reference) throws IOException {
        Digest digest;
        Optional<ManifestLink> link;
        if (reference instanceof Tag tag) {
            Optional<String> target = documents.readSmall(RegistryLayout.tag(repo, tag));
            if (target.isEmpty()) {
                return Optional.empty();
            }
            digest = Digest.parse(target.get().strip());
            link = rememberedLink(RegistryLayout.revisionLink(repo, digest));
        } else {
            digest = (Digest) reference;
            link = documents.readJson(RegistryLayout.revisionLink(repo, digest), ManifestLink.class);
        }
        if (link.isEmpty()) {
            return Optional.empty();
        }
        return store.statImmutable(RegistryLayout.blob(digest))
                .map(b -> new StoredManifest(digest, link.get().mediaType(), b));
    }

    private Optional<ManifestLink> rememberedLink(String key) throws IOException {
        Instant now = clock.instant();
        SeenLink seen = links.get(key);
        if (seen != null && seen.at().plus(LINK_MEMORY).isAfter(now)) {
            return Optional.of(seen.link());
        }
        Optional<ManifestLink> link = documents.readJson(key, ManifestLink.class);
        if (link.isPresent()) {
            if (links.size() >= MAX_LINKS) {
                links.clear(); // bounded: the next lookups read their links again
            }
            links.put(key, new SeenLink(link.get(), now));
        } else {
            links.remove(key);
        }
        return link;
    }

    /** Like {@link #manifest} but refuses with MANIFEST_UNKNOWN. */
    public StoredManifest requireManifest(RepositoryName repo, Reference reference) throws IOException {
        return manifest(repo, reference)
                .orElseThrow(() -> new OciException(OciError.MANIFEST_UNKNOWN, reference + " is not in " + repo));
    }

    /**
     * Deletes by digest (the manifest, its referrer entry and every tag pointing at it) or by tag (only the tag).
     */
    public void deleteManifest(RepositoryName repo, Reference reference) throws IOException {
        if (reference instanceof Tag tag) {
            if (!store.delete(RegistryLayout.tag(repo, tag))) {
                throw new OciException(OciError.MANIFEST_UNKNOWN, "tag " + tag + " is not in " + repo);
            }
            return;
        }
        Digest digest = (Digest) reference;
        String linkKey = RegistryLayout.revisionLink(repo, digest);
        ManifestLink link = documents
                .readJson(linkKey, ManifestLink.class)
                .orElseThrow(() -> new OciException(OciError.MANIFEST_UNKNOWN, digest + " is not in " + repo));
        String target = digest.toString();
        for (String tag : tagNames(repo)) {
            String tagKey = RegistryLayout.tag(repo, new Tag(tag));
            if (documents
                    .readSmall(tagKey)
                    .map(String::strip)
                    .filter(target::equals)
                    .isPresent()) {
                store.delete(tagKey);
            }
        }
        store.delete(linkKey);
        links.remove(linkKey);
        if (link.subject() != null) {
            store.delete(RegistryLayout.referrer(repo, Digest.parse(link.subject()), digest));
        }
    }

    /** Whether anything was ever pushed to {@code repo} (and not all of it deleted). */
    public boolean repositoryExists(RepositoryName repo) throws IOException {
        try (Stream<Entry> entries = store.list(RegistryLayout.repository(repo), false)) {
            return entries.anyMatch(e -> BlobKeys.name(e.key()).startsWith("_"));
        }
    }

    /**
     * One page of tags in lexical order.
     *
     * @param n at most this many, or -1 for all
     * @param last only tags after this one, or null
     */
    public TagPage tags(RepositoryName repo, int n, String last) throws IOException {
        if (!repositoryExists(repo)) {
            throw new OciException(OciError.NAME_UNKNOWN, "repository " + repo + " is not known");
        }
        List<String> all = tagNames(repo);
        List<String> page = new ArrayList<>();
        Optional<String> next = Optional.empty();
        for (String tag : all) {
            if (last != null && tag.compareTo(last) <= 0) {
                continue;
            }
            if (n >= 0 && page.size() >= n) {
                next = page.isEmpty() ? Optional.empty() : Optional.of(page.get(page.size() - 1));
                break;
            }
            page.add(tag);
        }
        return new TagPage(repo.value(), List.copyOf(page), next);
    }

    private List<String> tagNames(RepositoryName repo) throws IOException {
        try (Stream<Entry> entries = store.list(RegistryLayout.tagsDir(repo), false)) {
            List<String> names = new ArrayList<>(entries.filter(e -> e instanceof Entry.File)
                    .map(e -> BlobKeys.name(e.key()))
                    .toList());
            Collections.sort(names);
            return names;
        }
    }

    /**
     * The referrers of {@code subject} in {@code repo} as an OCI index, optionally only those of one artifact type.
     * A subject nobody refers to (or that does not exist) has an empty list.
     */
    public Manifest.Index referrers(RepositoryName repo, Digest subject, Optional<String> artifactType)
            throws IOException {
        List<Descriptor> found = new ArrayList<>();
        List<String> keys;
        try (Stream<Entry> entries = store.list(RegistryLayout.referrersDir(repo, subject), false)) {
            keys = entries.filter(e -> e instanceof Entry.File).map(Entry::key).toList();
        }
        for (String key : keys) {
            documents
                    .readJson(key, Descriptor.class)
                    .filter(d -> artifactType.isEmpty() || artifactType.get().equals(d.artifactType()))
                    .ifPresent(found::add);
        }
        return new Manifest.Index(2, MediaTypes.OCI_INDEX, null, found, null, null);
    }

    /** A small JSON document of the layout (a revision link, a session), for the garbage collector. */
    <T> Optional<T> readJson(String key, Class<T> type) throws IOException {
        return documents.readJson(key, type);
    }
}
