package io.airlock.storage.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a PKCS12 trust store holding the JVM's own trusted CAs plus every certificate of the PEM files given, for
 * {@code -Djavax.net.ssl.trustStore}: the one setting that the S3 client, the PostgreSQL driver (with
 * {@code sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory}) and the Alertmanager client all honour. Java cannot
 * read a PEM bundle as a trust store, and {@code keytool -importcert} takes only a bundle's first certificate, so the
 * chart runs this once per pod in an init container (from the service image, no shell):
 *
 * <pre>java -cp '/deployments/lib/main/*' io.airlock.storage.tls.TrustStoreWriter OUT.p12 PASSWORD PEM-or-DIR...</pre>
 *
 * A directory stands for every regular file in it (a mounted ConfigMap or Secret). The password protects nothing
 * secret (trust anchors are public); it only satisfies the PKCS12 format. Exits non-zero, naming the file, when an
 * input holds no certificate, so a wrong key in the ConfigMap fails the pod visibly instead of trusting nothing.
 */
public final class TrustStoreWriter {
    private TrustStoreWriter() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TrustStoreWriter OUT.p12 PASSWORD PEM-FILE-OR-DIR...");
            System.exit(2);
        }
        List<Path> inputs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        try {
            int added = write(Path.of(args[0]), args[1].toCharArray(), inputs);
            System.out.println("trust store " + args[0] + ": the JVM's CAs plus " + added + " certificate(s)");
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("cannot build the trust store: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes {@code out}; returns how many certificates came from {@code inputs}. */
    public static int write(Path out, char[] password, List<Path> inputs) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        for (X509Certificate ca : jvmCas()) {
            store.setCertificateEntry("jvm-" + store.size(), ca);
        }
        int added = 0;
        for (Path file : files(inputs)) {
            for (X509Certificate cert : read(file)) {
                store.setCertificateEntry("airlock-ca-" + added++, cert);
            }
        }
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".truststore-", ".p12");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            store.store(os, password);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return added;
    }

    private static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> entries = Files.list(input)) {
                    // A mounted ConfigMap also holds ..data links and a timestamped directory: regular files only,
                    // hidden ones skipped.
                    entries.filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(input);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no certificate file in " + inputs);
        }
        return files;
    }

    private static List<X509Certificate> read(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        List<X509Certificate> x509 = new ArrayList<>();
        for (Certificate c : certs) {
            x509.add((X509Certificate) c);
        }
        if (x509.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate");
        }
        return x509;
    }

    /** The CAs the JVM trusts by default (its cacerts). */
    private static List<X509Certificate> jvmCas() throws GeneralSecurityException, IOException {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (!Files.isRegularFile(cacerts)) {
            return List.of();
        }
        KeyStore jvm = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(cacerts)) {
            jvm.load(in, null);
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (String alias : Collections.list(jvm.aliases())) {
            if (jvm.getCertificate(alias) instanceof X509Certificate x) {
                cas.add(x);
            }
        }
        return cas;
    }
}
