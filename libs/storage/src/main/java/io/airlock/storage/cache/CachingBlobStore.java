package io.airlock.storage.cache;

import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.DigestingInputStream;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import io.airlock.storage.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A read-through cache on local disk in front of a remote {@link BlobStore} (S3), so that remote content can be sent
 * with zero copy and a herd of concurrent downloads of one blob reads it from object storage once.
 *
 * <p>{@link #localFile} fetches a version's whole content into {@code <dir>/<sha256>} on first use — one fetch per
 * content however many callers ask at once (the others wait for it) — verifies its sha256, and publishes it by rename.
 * Cached files are content-addressed and immutable, so they never go stale: a replaced key simply names another
 * file. The cache keeps at most {@code maxBytes}; least recently used files are evicted, but never one handed out in
 * the last {@code minAge} (a caller may still be about to open it by name; readers that already opened a file are
 * unaffected by its removal). Several processes may share the directory: what one fetched, the others use. When the cache cannot hold a blob (too large, disk full) it returns empty and the caller
 * streams from the remote store as before.
 *
 * <p>{@link #statImmutable} remembers what it found for content-addressed keys (at most {@value #MAX_IMMUTABLE}
 * entries), so that serving a cached blob needs no round trip to object storage for its metadata; an entry is
 * forgotten when this process writes or deletes the key or finds that version gone. Everything else is delegated
 * unchanged: writes, stat of other keys, small reads, listings and streamed reads.
 */
public final class CachingBlobStore implements BlobStore {
    private static final Logger LOG = Logger.getLogger(CachingBlobStore.class);

    private final BlobStore remote;
    private final Path dir;
    private final long maxBytes;
    private final Duration minAge;
    private final Clock clock;
    private final Map<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUse = new ConcurrentHashMap<>();
    private final AtomicLong fetchedBytes = new AtomicLong();
    /** Bounds the memory of {@link #immutable}: about 300 bytes an entry. */
    static final int MAX_IMMUTABLE = 10_000;

    private final Map<String, BlobInfo> immutable = new ConcurrentHashMap<>();

    public CachingBlobStore(BlobStore remote, Path dir, long maxBytes, Duration minAge, Clock clock)
            throws IOException {
        this.remote = remote;
        this.dir = Files.createDirectories(dir.toAbsolutePath().normalize());
        this.maxBytes = maxBytes;
        this.minAge = minAge;
        this.clock = clock;
        Instant stale = clock.instant().minus(Duration.ofHours(1));
        try (Stream<Path> old = Files.list(this.dir)) { // partial fetches of a crashed process
            for (Path p : (Iterable<Path>) old::iterator) {
                if (p.getFileName().toString().startsWith(".fetch-")
                        && Files.getLastModifiedTime(p).toInstant().isBefore(stale)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public Optional<Path> localFile(BlobInfo blob) {
        if (blob.size() > maxBytes) {
            return Optional.empty();
        }
        Path target = dir.resolve(blob.sha256());
        if (Files.isRegularFile(target)) {
            lastUse.put(blob.sha256(), clock.instant());
            return Optional.of(target);
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inFlight.putIfAbsent(blob.sha256(), mine);
        if (running == null) {
            try {
                mine.complete(fetch(blob, target));
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                inFlight.remove(blob.sha256());
            }
            running = mine;
        }
        try {
            Path p = running.get();
            lastUse.put(blob.sha256(), clock.instant());
            return Optional.of(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.debugf("not cached, streaming instead: %s: %s", blob.key(), e.getCause());
            return Optional.empty();
        }
    }

    private Path fetch(BlobInfo blob, Path target) throws IOException {
        evictFor(blob.size());
        Path temp = dir.resolve(".fetch-" + UUID.randomUUID());
        try {
            DigestingInputStream digesting;
            try (InputStream in = open(blob, 0, blob.size());
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                digesting = new DigestingInputStream(in, OptionalLong.of(blob.size()));
                Streams.copy(digesting, out);
            }
            digesting.verify(Expectation.of(blob.size(), blob.sha256()));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fetchedBytes.addAndGet(blob.size());
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes room for {@code incoming} bytes, oldest use first, sparing files used within {@code minAge}. */
    private synchronized void evictFor(long incoming) throws IOException {
        List<Path> files = new ArrayList<>();
        long total = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                    total += sizeOrZero(p);
                }
            }
        }
        if (total + incoming <= maxBytes) {
            return;
        }
        Instant now = clock.instant();
        files.sort(
                Comparator.comparing(p -> lastUse.getOrDefault(p.getFileName().toString(), Instant.EPOCH)));
        for (Path p : files) {
            if (total + incoming <= maxBytes) {
                return;
            }
            String sha = p.getFileName().toString();
            Instant used = lastUse.getOrDefault(sha, Instant.EPOCH);
            if (used.plus(minAge).isAfter(now)) {
                continue;
            }
            long size = sizeOrZero(p);
            Files.deleteIfExists(p);
            lastUse.remove(sha);
            total -= size;
        }
        if (total + incoming > maxBytes) {
            throw new IOException("cache full of recently used blobs");
        }
    }

    private static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed meanwhile (another process sharing the directory)
        }
    }

    /** Bytes fetched from the remote store into the cache since start (for tests and metrics). */
    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    @Override
    public BlobInfo put(String key, InputStream content, Expectation expected) throws IOException {
        immutable.remove(key);
        return remote.put(key, content, expected);
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        return remote.stat(key);
    }

    @Override
    public Optional<BlobInfo> statImmutable(String key) throws IOException {
        BlobInfo known = immutable.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<BlobInfo> found = remote.stat(key);
        if (found.isPresent()) {
            if (immutable.size() >= MAX_IMMUTABLE) {
                immutable.clear(); // crude but bounded: the next requests fill it again
            }
            immutable.put(key, found.get());
        }
        return found;
    }

    @Override
    public Optional<byte[]> readSmall(String key, int maxBytes) throws IOException {
        return remote.readSmall(key, maxBytes);
    }

    @Override
    public InputStream open(BlobInfo blob, long offset, long length) throws IOException {
        try {
            return remote.open(blob, offset, length);
        } catch (BlobChangedException e) {
            immutable.remove(blob.key(), blob); // deleted (say, by another replica's garbage collection)
            throw e;
        }
    }

    @Override
    public Stream<Entry> list(String prefix, boolean recursive) throws IOException {
        return remote.list(prefix, recursive);
    }

    @Override
    public boolean delete(String key) throws IOException {
        immutable.remove(key);
        return remote.delete(key);
    }

    @Override
    public String describe() {
        return remote.describe() + " (cached in " + dir + ")";
    }

    @Override
    public void ping() throws IOException {
        remote.ping();
    }
}
