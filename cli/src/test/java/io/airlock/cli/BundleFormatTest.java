package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.bundle.BundleManifest.Destination;
import io.airlock.cli.bundle.BundleManifest.Entry;
import io.airlock.cli.bundle.BundleManifest.Item;
import io.airlock.cli.bundle.BundleReader;
import io.airlock.cli.bundle.BundleWriter;
import io.airlock.cli.keys.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle format on its own: written, read back in one pass, and refused when anything about it changed. */
class BundleFormatTest {
    @TempDir
    Path tmp;

    private KeyPair keys;
    private Path bundle;

    @BeforeEach
    void write() throws Exception {
        keys = Keys.generate();
        bundle = writeBundle("b.tar", false);
    }

    private Path writeBundle(String name, boolean zstd) throws Exception {
        Map<String, Path> content = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        items.add(file(content, "items/001/a.ko", "8.1.0+driver/x86_64/a.ko", "falco-driver", 100_000));
        items.add(
                file(content, "items/002/repository-s3-2.8.0.zip", "repository-s3-2.8.0.zip", "opensearch-plugin", 5));
        Path out = tmp.resolve(name);
        BundleWriter.write(
                out,
                new BundleManifest(BundleManifest.FORMAT, "b", Instant.now(), null, null, items),
                keys.getPrivate(),
                Keys.fingerprint(keys.getPublic()),
                content,
                zstd);
        return out;
    }

    @Test
    void readsAZstdCompressedBundleAndRefusesItTruncated() throws Exception {
        Path zst = writeBundle("b.tar.zst", true);
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(zst)) {
            assertEquals(4, in.read(head));
        }
        assertEquals("28b52ffd", HexFormat.of().formatHex(head));
        assertEquals(2, BundleReader.verify(zst, keys.getPublic()).items().size());
        try (RandomAccessFile f = new RandomAccessFile(zst.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        CliException e = assertThrows(CliException.class, () -> BundleReader.verify(zst, keys.getPublic()));
        assertEquals(CliException.REFUSED, e.exitCode());
        assertTrue(e.line().contains("truncated") || e.line().contains("cannot be read"), e.line());
    }

    @Test
    void readsBackEveryEntryInOrder() {
        List<String> seen = new ArrayList<>();
        BundleManifest m = BundleReader.read(bundle, keys.getPublic(), new BundleReader.Handler() {
            @Override
            public void entry(Item item, Entry entry, InputStream in) throws IOException {
                seen.add(item.label() + "=" + in.readAllBytes().length);
            }
        });
        assertEquals(List.of("8.1.0+driver/x86_64/a.ko=100000", "repository-s3-2.8.0.zip=5"), seen);
        assertEquals(Keys.fingerprint(keys.getPublic()), m.signingKey());
    }

    @Test
    void manifestEntriesCarryTheirMediaTypeAndOlderManifestsStillRead() throws Exception {
        Item index = new Item(
                "falco-plugin",
                "items/001",
                "ab".repeat(32),
                10,
                "application/vnd.oci.image.index.v1+json",
                "ghcr.io/falcosecurity/plugins/plugin/k8saudit:0.7.0",
                null,
                null,
                Destination.oci("falcosecurity/plugins/plugin/k8saudit", "0.7.0"),
                List.of(
                        Entry.of("items/001/blobs/sha256/" + "cd".repeat(32), "cd".repeat(32), 4),
                        new Entry(
                                "items/001/blobs/sha256/" + "ef".repeat(32),
                                "ef".repeat(32),
                                3,
                                "application/vnd.oci.image.manifest.v1+json")));
        BundleManifest m = new BundleManifest(BundleManifest.FORMAT, "x", Instant.now(), null, null, List.of(index));
        String json = new String(m.toJson(), StandardCharsets.UTF_8);
        assertEquals(
                2,
                json.split("\"mediaType\"", -1).length - 1,
                "the item's and the manifest entry's, not the blob's: " + json);
        BundleManifest back = BundleManifest.parse(m.toJson());
        assertEquals(m.items().get(0).entries(), back.items().get(0).entries());

        // written before indexes: entries without a media type are blobs or files
        String older =
                "{\"format\":\"airlock-bundle/v1\",\"name\":\"old\",\"items\":[{\"kind\":\"file\",\"path\":\"a\","
                        + "\"sha256\":\"" + "00".repeat(32) + "\",\"size\":1,\"destination\":{\"file\":\"a\"},"
                        + "\"entries\":[{\"path\":\"a\",\"sha256\":\"" + "00".repeat(32) + "\",\"size\":1}]}]}";
        Entry e = BundleManifest.parse(older.getBytes(StandardCharsets.UTF_8))
                .items()
                .get(0)
                .entries()
                .get(0);
        assertEquals(Entry.of("a", "00".repeat(32), 1), e);
    }

    @Test
    void refusesAChangedByteNamingTheItem() throws Exception {
        flip(entryOffset("items/001/a.ko") + 500);
        CliException e = assertThrows(CliException.class, () -> BundleReader.verify(bundle, keys.getPublic()));
        assertEquals(CliException.REFUSED, e.exitCode());
        assertTrue(e.line().contains("item 8.1.0+driver/x86_64/a.ko was changed after signing"), e.line());
    }

    @Test
    void refusesAChangedManifest() throws Exception {
        flip(entryOffset(BundleManifest.MANIFEST) + 20);
        CliException e = assertThrows(CliException.class, () -> BundleReader.verify(bundle, keys.getPublic()));
        assertTrue(e.line().contains("manifest.json") && e.line().contains("signature"), e.line());
    }

    @Test
    void refusesAnotherKeyNamingBoth() {
        KeyPair other = Keys.generate();
        CliException e = assertThrows(CliException.class, () -> BundleReader.verify(bundle, other.getPublic()));
        assertTrue(e.line().contains("not by the trusted key " + Keys.fingerprint(other.getPublic())), e.line());
    }

    @Test
    void refusesATruncatedTar() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            f.setLength(entryOffset("items/001/a.ko") + 50_000);
        }
        CliException e = assertThrows(CliException.class, () -> BundleReader.verify(bundle, keys.getPublic()));
        assertTrue(e.line().contains("truncated inside item 8.1.0+driver/x86_64/a.ko"), e.line());
    }

    @Test
    void refusesAFileThatIsNotABundle() throws Exception {
        Files.writeString(bundle, "hello");
        CliException e = assertThrows(CliException.class, () -> BundleReader.verify(bundle, keys.getPublic()));
        assertTrue(e.line().contains("does not start with manifest.json"), e.line());
    }

    @Test
    void keysRoundTripThroughPem() throws Exception {
        Path dir = tmp.resolve("k");
        assertEquals(0, AirlockCli.run("keys", "generate", "--out", dir.toString()));
        String pem = Files.readString(dir.resolve("private.pem"));
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Keys.sign(Keys.readPrivate(dir.resolve("private.pem")), msg);
        assertEquals(64, sig.length);
        assertTrue(Keys.verify(Keys.readPublic(dir.resolve("public.pem")), msg, sig));
        assertEquals(CliException.USAGE, AirlockCli.run("keys", "generate", "--out", dir.toString()));
    }

    private Item file(Map<String, Path> content, String path, String dest, String kind, int size) throws Exception {
        Path f = tmp.resolve(path.replace('/', '_'));
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        Files.write(f, bytes);
        content.put(path, f);
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Item(
                kind,
                path,
                hex,
                size,
                null,
                "http://upstream/" + dest,
                null,
                null,
                Destination.file(dest),
                List.of(Entry.of(path, hex, size)));
    }

    private long entryOffset(String name) throws IOException {
        try (TarFile tar = new TarFile(bundle.toFile())) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().equals(name)) {
                    return e.getDataOffset();
                }
            }
        }
        throw new AssertionError(name);
    }

    private void flip(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x20);
        }
    }
}
