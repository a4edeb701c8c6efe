package io.airlock.oci.rest;

import io.airlock.images.ImageReference;
import io.airlock.images.InvalidImageReferenceException;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.Reference;
import io.airlock.oci.Registry;
import io.airlock.oci.RepositoryName;
import io.airlock.oci.StoredManifest;
import io.airlock.oci.TagPage;
import io.airlock.oci.UploadStatus;
import io.airlock.storage.ByteRanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry's HTTP rules, once for every registry service: what the {@code /v2} resources ask, answered from the
 * registry core after the service's {@link RegistryHooks} allowed it.
 *
 * <p>Every operation reads its request the same way: the repository name first ({@link #repository}), then digests and
 * references, so that a malformed request is the spec's 400 whoever sends it; then the access check; then the core.
 * Every refusal is an {@link OciException}. {@code ns} parameters are the request's {@code ns} query parameter, null
 * when absent ({@link #repository} says what it does). {@code length} parameters are the request's Content-Length, or -1 when
 * absent.
 */
@ApplicationScoped
public class RegistryOperations {
    private final Registry registry;
    private final RegistryHooks hooks;

    public RegistryOperations(Registry registry, RegistryHooks hooks) {
        this.registry = registry;
        this.hooks = hooks;
    }

    // ---------------------------------------------------------------- names and access

    /**
     * The repository a request names. Every operation resolves its name here and nowhere else.
     *
     * <p>Without {@code ns} the name is the repository as sent: {@code docker.io/library/nginx} (a client that spells
     * the upstream in the path, as CRI-O and Podman mirrors with a path prefix do) or {@code aquasecurity/trivy-db}.
     *
     * <p>With {@code ns} (containerd sends the upstream host of the image it resolves on every request to a mirror:
     * {@code /v2/library/nginx/manifests/1.25?ns=docker.io}) the repository is the upstream's own name inside this
     * registry, {@link ImageReference#mirrorRepository(String, String)}: {@code docker.io/library/nginx}. Docker Hub's
     * aliases are {@code docker.io} and a one-component name there is under {@code library/}, as containerd would have
     * asked Docker Hub itself; a port is {@code _port}. So both spellings reach the same content and two upstreams with
     * the same path never meet. A malformed {@code ns} (a path, a bad host or port) is NAME_INVALID; an empty one is
     * none (a bare {@code ?ns} reads as empty).
     *
     * @param ns the {@code ns} query parameter, or null when absent
     */
    public RepositoryName repository(String name, String ns) {
        if (ns == null || ns.isEmpty()) {
            return RepositoryName.parse(name);
        }
        // The path is checked by the repository grammar first, so a bad name reads the same with or without ns.
        RepositoryName path = RepositoryName.parse(name);
        try {
            String upstream = ImageReference.normalizeRegistry(ns, "ns=" + ns);
            String p =
                    upstream.equals(ImageReference.DOCKER_HUB) && !path.value().contains("/")
                            ? "library/" + path.value()
                            : path.value();
            return RepositoryName.parse(ImageReference.mirrorRepository(upstream, p));
        } catch (InvalidImageReferenceException e) {
            throw new OciException(
                    OciError.NAME_INVALID, "invalid ns (an upstream registry host[:port]): " + e.getMessage());
        }
    }

    private void requireRead() {
        Access.require(hooks.decideRead());
    }

    private void requireWrite() {
        Access.require(hooks.decideWrite());
    }

    /** {@code GET /v2/}: returns for a client the registry wants to go on with ({@link RegistryHooks#decidePing}). */
    public void ping() {
        Access.require(hooks.decidePing());
    }

    /** The {@code WWW-Authenticate} value of an UNAUTHORIZED answer. */
    public String challenge(URI baseUri) {
        return hooks.challenge(baseUri);
    }

    // ---------------------------------------------------------------- blobs

    /** The blob's bytes, when it is in the repository and the caller may read it; BLOB_UNKNOWN else. */
    public Content blob(String name, String ns, String digest) throws IOException {
        RepositoryName repo = repository(name, ns);
        Digest d = Digest.parse(digest);
        requireRead();
        return new Content(registry, registry.requireBlob(repo, d));
    }

    public void deleteBlob(String name, String ns, String digest) throws IOException {
        RepositoryName repo = repository(name, ns);
        Digest d = Digest.parse(digest);
        requireWrite();
        registry.deleteBlob(repo, d);
    }

    // ---------------------------------------------------------------- uploads

    /** What a POST to the uploads endpoint did. */
    public sealed interface UploadStart {
        /** The blob was stored (monolithic POST) or mounted: 201. */
        record Created(Digest digest) implements UploadStart {}

        /** A session was opened: 202. */
        record Started(UploadStatus status) implements UploadStart {}
    }

    /**
     * {@code digest} for a monolithic upload, {@code mount} and {@code from} for a cross-repository mount. A mount
     * that cannot be served (no {@code from}, or {@code from} lacks the blob) opens a session instead, as the
     * distribution spec says: the client then uploads the blob (and a body sent with it is ignored).
     */
    public UploadStart startUpload(
            String name, String ns, String digest, String mount, String from, InputStream body, long length)
            throws IOException {
        RepositoryName repo = repository(name, ns);
        requireWrite();
        if (mount != null) {
            Digest d = Digest.parse(mount);
            if (from != null && registry.mount(repo, d, repository(from, ns))) {
                return new UploadStart.Created(d);
            }
            return new UploadStart.Started(registry.uploads().startUpload(repo));
        }
        if (digest != null) {
            Digest d = Digest.parse(digest);
            registry.uploads().putBlob(repo, d, body, length);
            return new UploadStart.Created(d);
        }
        return new UploadStart.Started(registry.uploads().startUpload(repo));
    }

    public UploadStatus uploadStatus(String name, String ns, String id) throws IOException {
        RepositoryName repo = repository(name, ns);
        requireWrite();
        return registry.uploads().uploadStatus(repo, id);
    }

    /** {@code contentRange} is the raw header, null when absent ({@link Ranges#chunk} reads it). */
    public UploadStatus appendChunk(
            String name, String ns, String id, String contentRange, InputStream body, long length) throws IOException {
        RepositoryName repo = repository(name, ns);
        Optional<ByteRanges.Span> range = Ranges.chunk(contentRange);
        requireWrite();
        OptionalLong start = range.map(r -> OptionalLong.of(r.offset())).orElse(OptionalLong.empty());
        OptionalLong end = range.map(r -> OptionalLong.of(r.last())).orElse(OptionalLong.empty());
        return registry.uploads().appendChunk(repo, id, start, end, body, length);
    }

    /** Stores the last chunk (possibly empty) and publishes the blob as {@code digest}; returns it parsed. */
    public Digest completeUpload(String name, String ns, String id, String digest, InputStream body, long length)
            throws IOException {
        RepositoryName repo = repository(name, ns);
        if (digest == null || digest.isBlank()) {
            throw new OciException(OciError.DIGEST_INVALID, "completing an upload needs ?digest=");
        }
        Digest d = Digest.parse(digest);
        requireWrite();
        registry.uploads().completeUpload(repo, id, d, body, length);
        return d;
    }

    public void cancelUpload(String name, String ns, String id) throws IOException {
        RepositoryName repo = repository(name, ns);
        requireWrite();
        registry.uploads().cancelUpload(repo, id);
    }

    // ---------------------------------------------------------------- manifests

    /** A stored manifest and its bytes. */
    public record FoundManifest(StoredManifest manifest, Content content) {}

    public FoundManifest manifest(String name, String ns, String reference) throws IOException {
        RepositoryName repo = repository(name, ns);
        Reference ref = Reference.parse(reference);
        requireRead();
        StoredManifest m = registry.requireManifest(repo, ref);
        return new FoundManifest(m, new Content(registry, m.blob()));
    }

    /** A stored manifest and the subject it refers to, if any (then the answer carries {@code OCI-Subject}). */
    public record PushedManifest(StoredManifest manifest, Optional<Digest> subject) {}

    /** Stores a manifest the service's {@link RegistryHooks#manifestPush} accepts, then lets it follow up. */
    public PushedManifest putManifest(
            String name, String ns, String reference, String contentType, InputStream body, long length)
            throws IOException {
        RepositoryName repo = repository(name, ns);
        Reference ref = Reference.parse(reference);
        requireWrite();
        ManifestPush push = hooks.manifestPush(repo, ref);
        AtomicReference<Manifest> parsed = new AtomicReference<>();
        StoredManifest stored = registry.putManifest(repo, ref, contentType, body, length, (r, digest, manifest) -> {
            push.check(r, digest, manifest);
            parsed.set(manifest);
        });
        push.pushed(stored, parsed.get());
        return new PushedManifest(
                stored, Optional.ofNullable(parsed.get().subject()).map(s -> s.digest()));
    }

    public void deleteManifest(String name, String ns, String reference) throws IOException {
        RepositoryName repo = repository(name, ns);
        Reference ref = Reference.parse(reference);
        requireWrite();
        registry.deleteManifest(repo, ref);
        hooks.deleted(repo, ref);
    }

    // ---------------------------------------------------------------- listings

    /**
     * One page of tags.
     *
     * @param n at most this many, or -1 for all
     * @param last only tags after this one, or null
     */
    public TagPage tags(String name, String ns, int n, String last) throws IOException {
        RepositoryName repo = repository(name, ns);
        requireRead();
        return registry.tags(repo, n, last);
    }

    /** The referrers of a digest, and whether they were filtered by artifact type. */
    public record Referrers(Manifest.Index index, boolean filtered) {}

    /**
     * The referrers of {@code digest}. A non-blank {@code artifactType} filters them (and the answer says so); a blank
     * one is no filter, as when the parameter is absent.
     */
    public Referrers referrers(String name, String ns, String digest, String artifactType) throws IOException {
        RepositoryName repo = repository(name, ns);
        Digest d = Digest.parse(digest);
        requireRead();
        Optional<String> type = Optional.ofNullable(artifactType).filter(s -> !s.isBlank());
        return new Referrers(registry.referrers(repo, d, type), type.isPresent());
    }
}
