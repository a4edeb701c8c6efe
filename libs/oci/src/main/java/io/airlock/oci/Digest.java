package io.airlock.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code <algorithm>:<hex>}. Only the algorithms the OCI image spec registers are accepted:
 * {@code sha256} (64 lowercase hex digits) and {@code sha512} (128). Anything else is DIGEST_INVALID, so a digest
 * that exists is always one the registry can verify.
 */
public record Digest(String algorithm, String hex) implements Reference {
    public static final String SHA256 = "sha256";
    public static final String SHA512 = "sha512";
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        if (algorithm == null || hex == null) {
            throw new OciException(OciError.DIGEST_INVALID, "digest is missing");
        }
        Pattern p =
                switch (algorithm) {
                    case SHA256 -> SHA256_HEX;
                    case SHA512 -> SHA512_HEX;
                    default -> throw new OciException(
                            OciError.DIGEST_INVALID, "unsupported digest algorithm: " + shorten(algorithm));
                };
        if (!p.matcher(hex).matches()) {
            throw new OciException(OciError.DIGEST_INVALID, "malformed " + algorithm + " digest: " + shorten(hex));
        }
    }

    /** Parses {@code sha256:<hex>}; throws {@link OciException} DIGEST_INVALID when malformed. */
    @JsonCreator
    public static Digest parse(String value) {
        if (value == null) {
            throw new OciException(OciError.DIGEST_INVALID, "digest is missing");
        }
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new OciException(OciError.DIGEST_INVALID, "a digest looks like sha256:<hex>, got " + shorten(value));
        }
        return new Digest(value.substring(0, colon), value.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return of(SHA256, content);
    }

    public static Digest of(String algorithm, byte[] content) {
        return new Digest(
                algorithm, HexFormat.of().formatHex(newMessageDigest(algorithm).digest(content)));
    }

    /** A fresh {@link MessageDigest} for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(SHA512.equals(algorithm) ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides SHA-256 and SHA-512", e);
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    private static String shorten(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "..." : s;
    }
}
