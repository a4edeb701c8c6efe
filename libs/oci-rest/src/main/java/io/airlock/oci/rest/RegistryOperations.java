package io.airlock.oci.rest;

import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.Registry;
import io.airlock.oci.StoredManifest;
import io.airlock.oci.TagPage;
import io.airlock.oci.UploadStatus;
import io.airlock.storage.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * What the shared {@code /v2} resources ask of a registry service: the one CDI bean per application that implements
 * it holds the rules (who may do what, which artifacts it accepts, what a push sets off); the resources only speak
 * HTTP.
 *
 * <p>Names, digests and references arrive as the client sent them: the implementation parses them (so that a bad one
 * is an {@link io.airlock.oci.OciException} with the spec's code), checks access, and throws {@code OciException} for
 * every refusal. {@code length} parameters are the request's Content-Length, or -1 when absent.
 */
public interface RegistryOperations {

    // ---------------------------------------------------------------- access

    /** {@code GET /v2/}: returns for a client the registry wants to go on with, else throws UNAUTHORIZED. */
    void ping();

    /**
     * The {@code WWW-Authenticate} value of an UNAUTHORIZED answer.
     *
     * @param baseUri the URI the client used to reach this service (ends in {@code /})
     */
    String challenge(URI baseUri);

    // ---------------------------------------------------------------- blobs

    /** The blob, when it is in the repository and the caller may read it. */
    BlobInfo blob(String name, String digest) throws IOException;

    /**
     * The registry core this service's rules sit on. The resources only read through it the bytes of a blob or
     * manifest that {@link #blob} or {@link #manifest} has already let them see.
     */
    Registry core();

    void deleteBlob(String name, String digest) throws IOException;

    // ---------------------------------------------------------------- uploads

    /** What a POST to the uploads endpoint did. */
    sealed interface UploadStart {
        /** The blob was stored (monolithic POST) or mounted: 201. */
        record Created(Digest digest) implements UploadStart {}

        /** A session was opened: 202. */
        record Started(UploadStatus status) implements UploadStart {}
    }

    /** {@code digest} for a monolithic upload, {@code mount} and {@code from} for a cross-repository mount. */
    UploadStart startUpload(String name, String digest, String mount, String from, InputStream body, long length)
            throws IOException;

    UploadStatus uploadStatus(String name, String id) throws IOException;

    /** {@code contentRange} is the raw header, null when absent. */
    UploadStatus appendChunk(String name, String id, String contentRange, InputStream body, long length)
            throws IOException;

    /** Stores the last chunk (possibly empty) and publishes the blob as {@code digest}; returns it parsed. */
    Digest completeUpload(String name, String id, String digest, InputStream body, long length) throws IOException;

    void cancelUpload(String name, String id) throws IOException;

    // ---------------------------------------------------------------- manifests

    StoredManifest manifest(String name, String reference) throws IOException;

    /** A stored manifest and the subject it refers to, if any (then the answer carries {@code OCI-Subject}). */
    record PushedManifest(StoredManifest manifest, Optional<Digest> subject) {}

    PushedManifest putManifest(String name, String reference, String contentType, InputStream body, long length)
            throws IOException;

    void deleteManifest(String name, String reference) throws IOException;

    // ---------------------------------------------------------------- listings

    /**
     * One page of tags.
     *
     * @param n at most this many, or -1 for all
     * @param last only tags after this one, or null
     */
    TagPage tags(String name, int n, String last) throws IOException;

    /** The referrers of {@code digest}; {@code artifactType} null or a type to filter by. */
    Manifest.Index referrers(String name, String digest, String artifactType) throws IOException;
}
