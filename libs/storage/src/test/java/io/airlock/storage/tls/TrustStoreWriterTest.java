package io.airlock.storage.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PEM bundle, as a ConfigMap mounts it, becomes a trust store that holds all of it and the JVM's own CAs. */
class TrustStoreWriterTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void everyCertificateOfABundleIsTrustedBesideTheJvmsOwn() throws Exception {
        List<X509Certificate> jvm = jvmCas();
        assertTrue(jvm.size() > 3, "the JVM ships CAs");
        // A mounted ConfigMap: the key's file, plus the hidden entries the kubelet writes beside it.
        Path mount = Files.createDirectories(dir.resolve("ca"));
        Files.writeString(mount.resolve("ca.crt"), pem(jvm.get(0)) + pem(jvm.get(1)) + pem(jvm.get(2)));
        Files.createDirectories(mount.resolve("..2026_01_01"));
        Files.writeString(mount.resolve("..hidden"), "not a certificate");

        Path out = dir.resolve("trust/truststore.p12");
        int added = TrustStoreWriter.write(out, PASSWORD, List.of(mount));

        assertEquals(3, added, "all three certificates of the bundle, not only the first");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out)) {
            store.load(in, PASSWORD);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(jvm.get(i), store.getCertificate("airlock-ca-" + i));
            assertTrue(store.isCertificateEntry("airlock-ca-" + i));
        }
        assertEquals(jvm.size() + 3, store.size(), "the JVM's CAs are kept");
    }

    @Test
    void aFileWithoutACertificateFailsNamingIt() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-key"), "password=hunter2\n");
        Exception e = assertThrows(
                Exception.class, () -> TrustStoreWriter.write(dir.resolve("out.p12"), PASSWORD, List.of(wrong)));
        assertFalse(Files.exists(dir.resolve("out.p12")), "nothing written");
        assertTrue(
                String.valueOf(e.getMessage()).contains("wrong-key")
                        || e instanceof java.security.cert.CertificateException,
                e.toString());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrustStoreWriter.write(dir.resolve("out.p12"), PASSWORD, List.of(empty)));
    }

    private static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static List<X509Certificate> jvmCas() throws Exception {
        KeyStore jvm = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in =
                Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            jvm.load(in, null);
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (String alias : Collections.list(jvm.aliases())) {
            cas.add((X509Certificate) jvm.getCertificate(alias));
        }
        return cas;
    }
}
