package io.airlock.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes content through while digesting it, and fails the read that would report the end of the stream when the
 * content does not have the expected digest (or size). A store writing from this stream therefore sees a failed
 * source and publishes nothing: digests are verified while streaming, for any algorithm.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest md;
    private long count;
    private boolean verified;

    /** {@code expectedSize} is -1 when unknown. */
    VerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.md = expected.newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            count += n;
            if (expectedSize >= 0 && count > expectedSize) {
                throw new ContentMismatchException(new OciException(
                        OciError.SIZE_INVALID, "content is longer than the declared " + expectedSize + " bytes"));
            }
        } else if (n < 0 && !verified) {
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    private void check() throws ContentMismatchException {
        if (expectedSize >= 0 && count != expectedSize) {
            throw new ContentMismatchException(new OciException(
                    OciError.SIZE_INVALID, "content has " + count + " bytes, " + expectedSize + " were declared"));
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(expected.hex())) {
            throw new ContentMismatchException(new OciException(
                    OciError.DIGEST_INVALID,
                    "content has digest " + expected.algorithm() + ":" + actual + ", " + expected + " was declared"));
        }
        verified = true;
    }

    /** Reads {@code in} to its end through a verifier, storing nothing. */
    static long drainAndVerify(InputStream in, Digest expected, long expectedSize) throws IOException {
        VerifyingInputStream v = new VerifyingInputStream(in, expected, expectedSize);
        byte[] buf = new byte[64 * 1024];
        while (v.read(buf, 0, buf.length) >= 0) {
            // digesting
        }
        return v.count;
    }

    /**
     * An IOException (so stores report it as the source's failure and publish nothing) carrying the OCI refusal.
     */
    static final class ContentMismatchException extends IOException {
        private final OciException refusal;

        ContentMismatchException(OciException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }

        OciException refusal() {
            return refusal;
        }
    }
}
