package io.airlock.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small, deterministic artifacts shaped like the real ones. */
public final class Fixtures {
    private Fixtures() {}

    /** {@code size} pseudo-random bytes, the same for the same seed. */
    public static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A zip shaped like an OpenSearch plugin ({@code plugin-descriptor.properties} and a jar name). */
    public static byte[] opensearchPluginZip(String name, String version) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("plugin-descriptor.properties"));
            zip.write(("name=" + name + "\nversion=" + version + "\nopensearch.version=" + version
                            + "\njava.version=11\nclassname=org.opensearch.Plugin\ndescription=test fixture\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name + "-" + version + ".jar"));
            zip.write(randomBytes(4096, name.hashCode()));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that start like an x86-64 ELF relocatable object, as a Falco kernel module does. */
    public static byte[] elfKernelModule(int size, long seed) {
        byte[] b = randomBytes(Math.max(size, 64), seed);
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(header, 0, b, 0, header.length);
        return b;
    }

    public static String sha256Hex(byte[] content) {
        return hex("SHA-256", content);
    }

    public static String sha512Hex(byte[] content) {
        return hex("SHA-512", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
