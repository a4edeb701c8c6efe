package io.airlock.oci;

import java.time.Instant;

/**
 * An upload session as stored (see {@link RegistryLayout}).
 *
 * @param repository the repository the upload was started in
 * @param startedAt when it was started
 */
public record UploadSession(String repository, Instant startedAt) {}
