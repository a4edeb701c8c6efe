package io.airlock.oci;

/**
 * What a repository records about one of its manifests (the bytes themselves are a blob).
 *
 * @param mediaType the media type the manifest is served with
 * @param size its size in bytes
 * @param subject the manifest's subject digest, if it has one (so a delete can drop its referrer entry)
 */
public record ManifestLink(String mediaType, long size, String subject) {}
