package io.airlock.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Passes bytes through while computing sha256 and sha512 and counting them; refuses to read past an expected size, so
 * an over-long body fails as soon as it overflows rather than after it has been stored. Backends wrap every put in one.
 */
public final class DigestingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = newDigest("SHA-256");
    private final MessageDigest sha512 = newDigest("SHA-512");
    private final OptionalLong limit;
    private long count;
    private IOException sourceFailure;

    public DigestingInputStream(InputStream in, OptionalLong expectedSize) {
        super(in);
        this.limit = expectedSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
        if (n > 0) {
            sha256.update(b, off, n);
            sha512.update(b, off, n);
            count += n;
            if (limit.isPresent() && count > limit.getAsLong()) {
                throw new BlobVerificationException(
                        BlobVerificationException.Reason.SIZE_MISMATCH,
                        "content is longer than the declared " + limit.getAsLong() + " bytes");
            }
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte must be digested
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public long count() {
        return count;
    }

    /** The failure of the wrapped stream itself (e.g. the client went away), if reading it failed. */
    public IOException sourceFailure() {
        return sourceFailure;
    }

    /**
     * Call once the stream is exhausted: checks the size and sha256 against {@code expected} and returns the
     * digests.
     */
    public Digests verify(Expectation expected) throws BlobVerificationException {
        if (expected.size().isPresent() && expected.size().getAsLong() != count) {
            throw new BlobVerificationException(
                    BlobVerificationException.Reason.SIZE_MISMATCH,
                    "content has " + count + " bytes, " + expected.size().getAsLong() + " were declared");
        }
        Digests digests = new Digests(
                HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(sha512.digest()), count);
        if (expected.sha256().isPresent() && !expected.sha256().get().equals(digests.sha256())) {
            throw new BlobVerificationException(
                    BlobVerificationException.Reason.DIGEST_MISMATCH,
                    "content has sha256 " + digests.sha256() + ", "
                            + expected.sha256().get() + " was declared");
        }
        return digests;
    }

    /** The digests and size of fully read content. */
    public record Digests(String sha256, String sha512, long size) {}

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the JDK", e);
        }
    }
}
