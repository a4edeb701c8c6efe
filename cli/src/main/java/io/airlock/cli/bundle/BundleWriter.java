package io.airlock.cli.bundle;

import io.airlock.cli.bundle.BundleManifest.Entry;
import io.airlock.cli.bundle.BundleManifest.Item;
import io.airlock.cli.keys.Keys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.util.Date;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Writes a bundle: signs the manifest, then streams manifest.json, manifest.json.sig and every item's entries from the
 * staged files into a tar (POSIX/PAX headers, so long paths and entries over 8 GiB are fine). The tar is written
 * beside its final name and renamed when complete, so a bundle that exists is whole.
 */
public final class BundleWriter {
    private BundleWriter() {}

    /**
     * @param content the local file holding each entry, by entry path
     * @return the signed manifest as written
     */
    public static BundleManifest write(
            Path out, BundleManifest unsigned, PrivateKey key, String keyFingerprint, Map<String, Path> content)
            throws IOException {
        return write(out, unsigned, key, keyFingerprint, content, false);
    }

    /** As {@link #write(Path, BundleManifest, PrivateKey, String, Map)}, the tar optionally zstd-compressed. */
    public static BundleManifest write(
            Path out,
            BundleManifest unsigned,
            PrivateKey key,
            String keyFingerprint,
            Map<String, Path> content,
            boolean zstd)
            throws IOException {
        BundleManifest manifest = new BundleManifest(
                BundleManifest.FORMAT,
                unsigned.name(),
                unsigned.createdAt(),
                keyFingerprint,
                unsigned.since(),
                unsigned.items());
        byte[] json = manifest.toJson();
        byte[] signature = Keys.sign(key, json);
        Path part = out.resolveSibling(out.getFileName() + ".part");
        Date mtime = Date.from(manifest.createdAt());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024);
                OutputStream body = zstd ? new ZstdCompressorOutputStream(file, 3) : file;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(body)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            small(tar, BundleManifest.MANIFEST, json, mtime);
            small(tar, BundleManifest.SIGNATURE, signature, mtime);
            for (Item item : manifest.items()) {
                for (Entry e : item.entries()) {
                    Path source = content.get(e.path());
                    TarArchiveEntry te = new TarArchiveEntry(e.path());
                    te.setSize(e.size());
                    te.setModTime(mtime);
                    tar.putArchiveEntry(te);
                    try (InputStream in = Files.newInputStream(source)) {
                        long copied = in.transferTo(tar);
                        if (copied != e.size()) {
                            throw new IOException(source + " changed while the bundle was written");
                        }
                    }
                    tar.closeArchiveEntry();
                }
            }
            tar.finish();
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    private static void small(TarArchiveOutputStream tar, String name, byte[] bytes, Date mtime) throws IOException {
        TarArchiveEntry te = new TarArchiveEntry(name);
        te.setSize(bytes.length);
        te.setModTime(mtime);
        tar.putArchiveEntry(te);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
