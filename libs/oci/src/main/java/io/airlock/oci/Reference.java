package io.airlock.oci;

/** What follows {@code /manifests/} in a URL: a tag or a digest. */
public sealed interface Reference permits Tag, Digest {

    /**
     * A digest when {@code value} contains {@code ':'} (tags cannot), else a tag.
     *
     * @throws OciException DIGEST_INVALID or MANIFEST_INVALID when it is neither
     */
    static Reference parse(String value) {
        if (value != null && value.indexOf(':') >= 0) {
            return Digest.parse(value);
        }
        return Tag.parse(value);
    }
}
