package io.airlock.storage.fs;

import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobKeys;
import io.airlock.storage.BlobStore;
import io.airlock.storage.DigestingInputStream;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import io.airlock.storage.KeyConflictException;
import io.airlock.storage.StorageException;
import io.airlock.storage.StorageFullException;
import io.airlock.storage.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on a local directory, for one machine. Layout under the root:
 *
 * <pre>
 * refs/&lt;key&gt;                    one line "&lt;sha256&gt; &lt;sha512&gt; &lt;size&gt; &lt;blob name&gt;"; its mtime is the publish time
 * blobs/&lt;sha256[0..2]&gt;/&lt;blob name&gt; the immutable bytes of one put (blob name = &lt;sha256&gt;.&lt;random&gt;)
 * tmp/&lt;random&gt;                  content being written; never visible
 * </pre>
 *
 * <p>A put writes and fsyncs the bytes under {@code tmp/}, verifies them, renames them into {@code blobs/}, then
 * atomically renames a new ref over the old one: the ref rename is the single step that makes a version visible.
 * Blob files never change once written, so a reader holding a {@link BlobInfo} reads a stable file (and may send it
 * with zero copy), even while the key is being replaced. The replaced blob is then unlinked; readers that already
 * opened it finish normally.
 *
 * <p>Unlike S3, a key cannot be both a file and a directory ({@code a} and {@code a/b}): such a put fails with
 * {@link KeyConflictException}.
 */
public final class FilesystemBlobStore implements BlobStore {
    private static final int LOCK_STRIPES = 64;
    private static final Duration TMP_MAX_AGE = Duration.ofHours(24);

    private final Path root;
    private final Path refs;
    private final Path blobs;
    private final Path tmp;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public FilesystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.refs = this.root.resolve("refs");
        this.blobs = this.root.resolve("blobs");
        this.tmp = this.root.resolve("tmp");
        for (Path dir : List.of(refs, blobs, tmp)) {
            Files.createDirectories(dir);
        }
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
        removeAbandonedTemporaries();
    }

    @Override
    public BlobInfo put(String key, InputStream content, Expectation expected) throws IOException {
        BlobKeys.requireValid(key);
        Path temp = tmp.resolve(UUID.randomUUID().toString());
        Path blob = null;
        try {
            DigestingInputStream digesting = new DigestingInputStream(content, expected.size());
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                Streams.copy(digesting, out);
                ch.force(true);
            }
            DigestingInputStream.Digests digests = digesting.verify(expected);
            String blobName = digests.sha256() + "." + UUID.randomUUID();
            blob = blobPath(blobName);
            Files.createDirectories(blob.getParent());
            Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE);
            String ref = digests.sha256() + " " + digests.sha512() + " " + digests.size() + " " + blobName + "\n";
            BlobInfo published = publishRef(key, ref);
            blob = null; // now owned by the ref
            return published;
        } catch (IOException e) {
            throw StorageFullException.ifNoSpace(e); // a full disk is the operator's to fix, not a server bug
        } finally {
            Files.deleteIfExists(temp);
            if (blob != null) {
                Files.deleteIfExists(blob);
            }
        }
    }

    private BlobInfo publishRef(String key, String ref) throws IOException {
        Path refFile = refPath(key);
        Path refTemp = tmp.resolve(UUID.randomUUID() + ".ref");
        try {
            Files.writeString(refTemp, ref, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            synchronized (lockFor(key)) {
                Optional<BlobInfo> previous = readRef(key);
                if (Files.isDirectory(refFile)) {
                    throw new KeyConflictException("'" + key + "' is a directory");
                }
                moveIntoPlace(key, refTemp, refFile);
                BlobInfo published = readRef(key).orElseThrow(() -> new StorageException("ref vanished: " + key));
                if (previous.isPresent() && !previous.get().version().equals(published.version())) {
                    Files.deleteIfExists(blobPath(previous.get().version()));
                }
                return published;
            }
        } finally {
            Files.deleteIfExists(refTemp);
        }
    }

    /** Creates the ref's parent directories and renames; retried when a concurrent delete prunes a parent. */
    private void moveIntoPlace(String key, Path from, Path to) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(to.getParent());
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException e) {
                if (attempt >= 3) {
                    throw e;
                }
            } catch (FileSystemException e) {
                if (parentIsAFile(to)) {
                    throw new KeyConflictException("a parent of '" + key + "' is a file");
                }
                throw e;
            }
        }
    }

    private boolean parentIsAFile(Path path) {
        for (Path p = path.getParent(); p != null && p.startsWith(refs) && !p.equals(refs); p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        BlobKeys.requireValid(key);
        return readRef(key);
    }

    private Optional<BlobInfo> readRef(String key) throws IOException {
        Path refFile = refPath(key);
        String line;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(refFile, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                return Optional.empty();
            }
            line = Files.readString(refFile, StandardCharsets.UTF_8);
        } catch (FileSystemException e) {
            if (e instanceof NoSuchFileException || parentIsAFile(refFile)) {
                return Optional.empty(); // "a/b/c" where "a/b" is a file: not there either
            }
            throw e;
        }
        String[] f = line.strip().split(" ");
        if (f.length != 4) {
            throw new StorageException("corrupt ref for '" + key + "'");
        }
        return Optional.of(new BlobInfo(
                key, Long.parseLong(f[2]), f[0], f[1], attrs.lastModifiedTime().toInstant(), f[3]));
    }

    @Override
    public InputStream open(BlobInfo blob, long offset, long length) throws IOException {
        Streams.checkRange(blob, offset, length);
        FileChannel ch;
        try {
            ch = FileChannel.open(blobPath(blob.version()), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobChangedException(blob.key());
        }
        ch.position(offset);
        return Streams.bounded(Channels.newInputStream(ch), length);
    }

    @Override
    public Optional<Path> localFile(BlobInfo blob) {
        Path p = blobPath(blob.version());
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public Stream<Entry> list(String prefix, boolean recursive) throws IOException {
        BlobKeys.requireValidPrefix(prefix);
        Path dir = prefix.isEmpty() ? refs : refPath(prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> paths = recursive ? Files.walk(dir) : Files.list(dir)) {
            paths.forEach(p -> {
                if (p.equals(dir)) {
                    return;
                }
                String key = refs.relativize(p).toString();
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isDirectory()) {
                        if (!recursive && hasFiles(p)) {
                            entries.add(new Entry.Directory(key + "/"));
                        }
                    } else if (a.isRegularFile()) {
                        readRef(key)
                                .ifPresent(info -> entries.add(new Entry.File(key, info.size(), info.lastModified())));
                    }
                } catch (NoSuchFileException e) {
                    // deleted while listing
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        entries.sort(Comparator.comparing(Entry::key));
        return entries.stream();
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        BlobKeys.requireValid(key);
        synchronized (lockFor(key)) {
            Optional<BlobInfo> current = readRef(key);
            if (current.isEmpty()) {
                return false;
            }
            Files.deleteIfExists(refPath(key));
            Files.deleteIfExists(blobPath(current.get().version()));
            pruneEmptyParents(refPath(key).getParent());
            return true;
        }
    }

    private void pruneEmptyParents(Path dir) throws IOException {
        while (dir != null && dir.startsWith(refs) && !dir.equals(refs)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    @Override
    public String describe() {
        return "filesystem:" + root;
    }

    @Override
    public void ping() throws IOException {
        for (Path dir : List.of(refs, blobs, tmp)) {
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new AccessDeniedException(dir.toString(), null, "not a writable directory");
            }
        }
    }

    private Path refPath(String key) {
        Path p = refs.resolve(key).normalize();
        if (!p.startsWith(refs)) { // defence in depth: BlobKeys already refuses '..'
            throw new io.airlock.storage.InvalidKeyException("path escapes the store");
        }
        return p;
    }

    private Path blobPath(String blobName) {
        if (blobName.length() < 3 || blobName.contains("/") || blobName.contains("..")) {
            throw new IllegalArgumentException("not a blob name: " + blobName);
        }
        return blobs.resolve(blobName.substring(0, 2)).resolve(blobName);
    }

    private Object lockFor(String key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private void removeAbandonedTemporaries() throws IOException {
        Instant cutoff = Instant.now().minus(TMP_MAX_AGE);
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
