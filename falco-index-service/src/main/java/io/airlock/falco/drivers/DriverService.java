package io.airlock.falco.drivers;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.client.CatalogNotifier;
import io.airlock.catalog.client.PublishedVersion;
import io.airlock.falco.FalcoError;
import io.airlock.falco.config.FalcoConfig;
import io.airlock.falco.store.FileTree;
import io.airlock.problem.ProblemException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The driver rules: a driver is stored only when its path ({@link DriverPath}) and its first bytes ({@link ElfHeader})
 * say it can be one; it is published into the file server's tree at the exact key the loader's URL decodes to. The
 * content streams from the request to the store; only the ELF header is looked at, before the store sees a byte.
 */
@ApplicationScoped
public class DriverService {
    private final BlobStore files;
    private final Event<DriversChanged> changed;
    private final CatalogNotifier catalog;
    private final String fileserverUrl;

    public DriverService(FileTree tree, Event<DriversChanged> changed, CatalogNotifier catalog, FalcoConfig config) {
        this.files = tree.store();
        this.changed = changed;
        this.catalog = catalog;
        this.fileserverUrl = config.fileserverUrl().replaceAll("/+$", "");
    }

    /** One stored driver, and whether the key was new. */
    public record Stored(DriverPath path, BlobInfo info, boolean created) {}

    /** Validates and stores one driver; a {@link ProblemException} (nothing stored) when it cannot be one. */
    public Stored upload(DriverPath path, InputStream body, OptionalLong length, Optional<String> sha256)
            throws IOException {
        Stored stored = store(path, body, length, sha256);
        changed.fire(new DriversChanged(1));
        return stored;
    }

    private Stored store(DriverPath path, InputStream body, OptionalLong length, Optional<String> sha256)
            throws IOException {
        byte[] head = body.readNBytes(ElfHeader.LENGTH);
        ElfHeader.check(head, path.arch(), path.file().kind());
        boolean existed = files.stat(path.key()).isPresent();
        InputStream content = new SequenceInputStream(new ByteArrayInputStream(head), body);
        BlobInfo info = files.put(path.key(), content, new Expectation(length, sha256));
        catalog.published(PublishedVersion.file(
                ArtifactKind.FALCO_DRIVER, path.key(), info.sha256(), info.size(), fileserverUrl + "/" + path.key()));
        return new Stored(path, info, !existed);
    }

    /**
     * Imports a tar stream (gzip-compressed or not) of a tree laid out like the driver site:
     * {@code [prefix/]<driverVersion>/<arch>/<file>}. The version directory may be URL-escaped ({@code %2B}), as
     * {@code wget -r} saves it. Directories are skipped; every other entry is stored or reported refused.
     */
    public ImportReport importTar(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream raw;
        try {
            raw = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
        } catch (IOException e) {
            throw new ProblemException(FalcoError.INVALID_ARCHIVE, "not a readable gzip stream: " + e.getMessage());
        }
        List<ImportReport.Imported> imported = new ArrayList<>();
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry;
            while ((entry = next(tar, imported.size() + rejected.size())) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                try {
                    if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
                        throw new ProblemException(
                                FalcoError.INVALID_ARCHIVE, "not a regular file (links and devices are refused)");
                    }
                    DriverPath path = pathOf(name);
                    Stored s = store(path, new KeepOpen(tar), OptionalLong.of(entry.getSize()), Optional.empty());
                    imported.add(new ImportReport.Imported(
                            path.key(),
                            path.urlPath(),
                            s.info().size(),
                            s.info().sha256()));
                } catch (DamagedArchive e) {
                    throw e; // nothing after the break can be read: the whole import is refused
                } catch (ProblemException | io.airlock.storage.InvalidKeyException e) {
                    rejected.add(new ImportReport.Rejected(name, e.getMessage()));
                }
            }
        } finally {
            if (!imported.isEmpty()) {
                changed.fire(new DriversChanged(imported.size()));
            }
        }
        if (imported.isEmpty() && rejected.isEmpty()) {
            throw new ProblemException(
                    FalcoError.INVALID_ARCHIVE,
                    "the archive holds no files: expected a tar of <driverVersion>/<arch>/<file>");
        }
        return new ImportReport(imported, rejected);
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, int seen) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new ProblemException(
                    FalcoError.INVALID_ARCHIVE,
                    "not a readable tar archive after " + seen + " entries: " + e.getMessage());
        }
    }

    /** The last three segments of a tar entry name, checked; {@code ..} anywhere is refused. */
    static DriverPath pathOf(String entryName) {
        String[] parts = entryName.split("/");
        List<String> segments = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                throw new ProblemException(FalcoError.INVALID_PATH, "'..' in an entry name: refused");
            }
            segments.add(p);
        }
        if (segments.size() < 3) {
            throw new ProblemException(FalcoError.INVALID_PATH, "expected <driverVersion>/<arch>/<file>");
        }
        int n = segments.size();
        String version = segments.get(n - 3).replace("%2B", "+").replace("%2b", "+");
        return DriverPath.of(version, segments.get(n - 2), segments.get(n - 1));
    }

    /** Every hosted driver in the file server's tree, in key order. */
    public List<Hosted> list() throws IOException {
        List<Hosted> out = new ArrayList<>();
        List<String> versions;
        try (Stream<Entry> root = files.list("", false)) {
            versions = root.filter(e -> e instanceof Entry.Directory)
                    .map(e -> e.key().substring(0, e.key().length() - 1))
                    .filter(DriverVersion::isValid)
                    .toList();
        }
        for (String version : versions) {
            try (Stream<Entry> entries = files.list(version + "/", true)) {
                entries.filter(e -> e instanceof Entry.File)
                        .forEach(e -> parse((Entry.File) e).ifPresent(out::add));
            }
        }
        return out;
    }

    /** One driver found in the tree. */
    public record Hosted(DriverPath path, long size) {}

    private static Optional<Hosted> parse(Entry.File file) {
        String[] s = file.key().split("/");
        if (s.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Hosted(DriverPath.of(s[0], s[1], s[2]), file.size()));
        } catch (ProblemException e) {
            return Optional.empty(); // another file in the tree (a checksum, a readme): not a driver
        }
    }

    /** Removes one driver; true when it existed. */
    public boolean delete(DriverPath path) throws IOException {
        boolean existed = files.delete(path.key());
        if (existed) {
            changed.fire(new DriversChanged(1));
        }
        return existed;
    }

    /** A tar or gzip stream that breaks mid-way: a 400 for the whole import (drivers stored before it stay). */
    static final class DamagedArchive extends ProblemException {
        DamagedArchive(String message) {
            super(FalcoError.INVALID_ARCHIVE, message);
        }
    }

    /**
     * Lets the store read one tar entry without closing the archive behind it. An archive that breaks while an entry
     * is read (cut off, a corrupt gzip stream) is the client's bad input, refused as such, never a server error.
     */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        private static DamagedArchive damaged(IOException e) {
            return new DamagedArchive("the archive is damaged or cut off: " + e.getMessage());
        }

        @Override
        public void close() {}
    }
}
