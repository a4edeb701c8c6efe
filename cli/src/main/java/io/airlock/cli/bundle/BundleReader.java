package io.airlock.cli.bundle;

import io.airlock.cli.CliException;
import io.airlock.cli.bundle.BundleManifest.Entry;
import io.airlock.cli.bundle.BundleManifest.Item;
import io.airlock.cli.keys.Keys;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Reads a bundle in ONE streaming pass: checks the signature of {@code manifest.json}, then hands every entry to a
 * {@link Handler} through a stream that digests it, and refuses (a {@link CliException} naming the item) on the first
 * entry that differs from the signed manifest, an entry the manifest does not list, a truncated tar, or an item whose
 * entries are missing. Memory holds the manifest and one copy buffer, never an item.
 */
public final class BundleReader {
    private static final int BUFFER = 64 * 1024;

    /** What a pass over the bundle does with its content. Every method may leave the stream unread. */
    public interface Handler {
        default void manifest(BundleManifest manifest) throws IOException {}

        default void itemStart(Item item) throws IOException {}

        /**
         * {@code in} yields the entry's bytes; the read that reaches the end throws when they differ from the signed
         * manifest, so a consumer streaming them onwards fails instead of completing. Do not close it.
         */
        default void entry(Item item, Entry entry, InputStream in) throws IOException {}

        /** Called once all entries of the item were read and verified. */
        default void itemEnd(Item item) throws IOException {}
    }

    private BundleReader() {}

    /** Checks everything, keeps nothing: the manifest of a bundle that verified. */
    public static BundleManifest verify(Path bundle, PublicKey key) {
        return read(bundle, key, new Handler() {});
    }

    public static BundleManifest read(Path bundle, PublicKey key, Handler handler) {
        String name = bundle.getFileName().toString();
        try (InputStream file = Files.newInputStream(bundle);
                TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(file))) {
            byte[] manifestBytes = readSmall(tar, BundleManifest.MANIFEST, BundleManifest.MAX_MANIFEST_BYTES, name);
            byte[] signature = readSmall(tar, BundleManifest.SIGNATURE, 1024, name);
            BundleManifest manifest = checkSignature(name, manifestBytes, signature, key);
            handler.manifest(manifest);
            readItems(name, tar, manifest, handler);
            return manifest;
        } catch (NoSuchFileException e) {
            throw CliException.usage("bundle " + bundle + " does not exist", "Check the path");
        } catch (CliException e) {
            throw e;
        } catch (IOException e) {
            throw CliException.refused(
                    "bundle " + name + " cannot be read: " + e.getMessage(), "Copy the bundle again and retry");
        }
    }

    /** The tar stream: as is, or zstd-decompressed when the file starts with the zstd frame magic. */
    private static InputStream decompressed(InputStream file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(file, BUFFER);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 4
                && (magic[0] & 0xff) == 0x28
                && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new BufferedInputStream(new ZstdCompressorInputStream(in), BUFFER);
        }
        return in;
    }

    private static BundleManifest checkSignature(String name, byte[] manifestBytes, byte[] signature, PublicKey key) {
        BundleManifest manifest;
        try {
            manifest = BundleManifest.parse(manifestBytes);
        } catch (IOException e) {
            manifest = null;
        }
        if (!Keys.verify(key, manifestBytes, signature)) {
            String fingerprint = Keys.fingerprint(key);
            if (manifest != null
                    && manifest.signingKey() != null
                    && !manifest.signingKey().equals(fingerprint)) {
                throw CliException.refused(
                        "bundle " + name + " is signed by key " + manifest.signingKey() + ", not by the trusted key "
                                + fingerprint,
                        "Pass the public key that belongs to the signer, or refuse this bundle");
            }
            throw CliException.refused(
                    "bundle " + name + ": manifest.json does not match its signature (changed after signing)",
                    "Refuse this bundle and ask for a freshly created one");
        }
        if (manifest == null) {
            throw CliException.refused(
                    "bundle " + name + ": its signed manifest.json is not a bundle manifest this version reads",
                    "Use the airlock version that created it");
        }
        return manifest;
    }

    private static void readItems(String name, TarArchiveInputStream tar, BundleManifest manifest, Handler handler)
            throws IOException {
        Map<String, Item> itemOf = new HashMap<>();
        Map<String, Entry> expected = new LinkedHashMap<>();
        for (Item item : manifest.items()) {
            for (Entry e : item.entries()) {
                if (expected.put(e.path(), e) != null) {
                    throw CliException.refused(
                            "bundle " + name + " lists entry " + e.path() + " twice", "Recreate the bundle");
                }
                itemOf.put(e.path(), item);
            }
        }
        Set<String> seen = new HashSet<>();
        Set<Item> finished = new HashSet<>();
        Item current = null;
        byte[] buffer = new byte[BUFFER];
        while (true) {
            TarArchiveEntry te;
            try {
                te = tar.getNextEntry();
            } catch (IOException e) {
                throw truncated(name, current, null, e);
            }
            if (te == null) {
                break;
            }
            if (te.isDirectory()) {
                continue;
            }
            String path = te.getName();
            Entry entry = expected.get(path);
            if (entry == null) {
                throw CliException.refused(
                        "bundle " + name + " holds " + path + ", which its signed manifest does not list (extra item)",
                        "Refuse this bundle and ask for a freshly created one");
            }
            Item item = itemOf.get(path);
            if (!seen.add(path)) {
                throw CliException.refused(
                        "bundle " + name + " holds " + path + " twice (item " + item.label() + ")",
                        "Refuse this bundle and ask for a freshly created one");
            }
            if (item != current) {
                if (current != null) {
                    endItem(name, current, seen, handler);
                    finished.add(current);
                }
                if (finished.contains(item)) {
                    throw CliException.refused(
                            "bundle " + name + ": the entries of item " + item.label() + " are not together",
                            "Recreate the bundle with airlock bundle create");
                }
                current = item;
                handler.itemStart(item);
            }
            if (te.getSize() != entry.size()) {
                throw changed(name, item, path, te.getSize() + " bytes", entry.size() + " bytes");
            }
            VerifyingStream in = new VerifyingStream(tar, entry);
            try {
                handler.entry(item, entry, in);
                while (in.read(buffer, 0, buffer.length) >= 0) {
                    // verify what the handler left unread
                }
            } catch (IOException | RuntimeException e) {
                if (in.mismatch != null) {
                    throw changed(name, item, path, in.mismatch, "sha256 " + entry.sha256());
                }
                if (in.truncated != null) {
                    throw truncated(name, item, path, in.truncated);
                }
                throw e;
            }
        }
        if (current != null) {
            endItem(name, current, seen, handler);
        }
        for (Map.Entry<String, Entry> e : expected.entrySet()) {
            if (!seen.contains(e.getKey())) {
                throw CliException.refused(
                        "bundle " + name + " is missing item "
                                + itemOf.get(e.getKey()).label() + " (" + e.getKey() + ")",
                        "The copy is incomplete or was cut: copy the bundle again");
            }
        }
    }

    private static void endItem(String name, Item item, Set<String> seen, Handler handler) throws IOException {
        for (Entry e : item.entries()) {
            if (!seen.contains(e.path())) {
                throw CliException.refused(
                        "bundle " + name + " is missing part of item " + item.label() + " (" + e.path() + ")",
                        "The copy is incomplete or was changed: copy the bundle again");
            }
        }
        handler.itemEnd(item);
    }

    private static CliException changed(String name, Item item, String path, String actual, String expected) {
        return CliException.refused(
                "bundle " + name + ": item " + item.label() + " was changed after signing (" + path + " has " + actual
                        + ", the signed manifest says " + expected + ")",
                "Refuse this bundle and ask for a freshly created one");
    }

    private static CliException truncated(String name, Item item, String path, IOException e) {
        String where = item == null ? "" : " inside item " + item.label() + (path == null ? "" : " (" + path + ")");
        return CliException.refused(
                "bundle " + name + " is truncated" + where + ": " + e.getMessage(),
                "The copy was cut short: copy the bundle again");
    }

    private static byte[] readSmall(TarArchiveInputStream tar, String expected, int max, String name)
            throws IOException {
        TarArchiveEntry e;
        try {
            e = tar.getNextEntry();
        } catch (IOException ex) {
            throw CliException.refused(
                    "bundle " + name + " is truncated or damaged before " + expected + ": " + ex.getMessage(),
                    "Copy the bundle again");
        }
        if (e == null || !expected.equals(e.getName())) {
            throw CliException.refused(
                    "bundle " + name + " does not start with " + expected + " (not an airlock bundle, or damaged)",
                    "Pass a file written by 'airlock bundle create'");
        }
        if (e.getSize() > max) {
            throw CliException.refused(
                    "bundle " + name + ": " + expected + " is larger than " + max + " bytes", "Recreate the bundle");
        }
        byte[] bytes = tar.readNBytes((int) e.getSize());
        if (bytes.length != e.getSize()) {
            throw CliException.refused("bundle " + name + " is truncated inside " + expected, "Copy the bundle again");
        }
        return bytes;
    }

    /** Digests one entry as it is read; the read that reaches its end throws when it differs from the manifest. */
    private static final class VerifyingStream extends FilterInputStream {
        private final Entry entry;
        private final MessageDigest md;
        private long count;
        private boolean done;
        String mismatch;
        IOException truncated;

        VerifyingStream(InputStream tar, Entry entry) {
            super(tar);
            this.entry = entry;
            try {
                this.md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                truncated = e;
                throw e;
            }
            if (n > 0) {
                md.update(b, off, n);
                count += n;
                return n;
            }
            if (n < 0) {
                if (count != entry.size()) {
                    truncated = new EOFException("entry ends after " + count + " of " + entry.size() + " bytes");
                    throw truncated;
                }
                String actual = java.util.HexFormat.of().formatHex(md.digest());
                if (!actual.equals(entry.sha256())) {
                    mismatch = "sha256 " + actual;
                    throw new IOException(entry.path() + " differs from the signed manifest");
                }
                done = true;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, BUFFER)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
