package io.airlock.cli.keys;

import io.airlock.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys from the JDK, stored as PEM the way OpenSSL writes them: the private key as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), the public key as X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}). A signature is
 * the raw 64 bytes, so {@code openssl pkeyutl -verify -rawin} can check a bundle without this tool.
 */
public final class Keys {
    public static final String ALGORITHM = "Ed25519";

    private Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519", e);
        }
    }

    public static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey readPrivate(Path file) {
        byte[] der = readPem(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw CliException.usage(
                    file + " is not an Ed25519 private key (" + e.getMessage() + ")",
                    "Pass the private.pem written by 'airlock keys generate'");
        }
    }

    public static PublicKey readPublic(Path file) {
        byte[] der = readPem(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw CliException.usage(
                    file + " is not an Ed25519 public key (" + e.getMessage() + ")",
                    "Pass the public.pem written by 'airlock keys generate'");
        }
    }

    /** {@code sha256:<hex>} of the public key's X.509 encoding: names the key in manifests and messages. */
    public static String fingerprint(PublicKey key) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519 failed", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] readPem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw CliException.usage("cannot read key file " + file + ": " + e.getMessage(), "Check the path");
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw CliException.usage(
                    file + " holds no '" + type + "' PEM block",
                    type.startsWith("PUBLIC")
                            ? "Pass the public.pem written by 'airlock keys generate'"
                            : "Pass the private.pem written by 'airlock keys generate'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw CliException.usage(file + " holds a damaged PEM block", "Regenerate or re-copy the key");
        }
    }
}
