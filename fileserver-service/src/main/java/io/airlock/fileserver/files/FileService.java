package io.airlock.fileserver.files;

import io.airlock.catalog.client.CatalogNotifier;
import io.airlock.catalog.client.FileKinds;
import io.airlock.catalog.client.PublishedVersion;
import io.airlock.fileserver.config.FileserverConfig;
import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobKeys;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The file server's rules: which bytes a path names, when a download is conditional or partial, the checksum files
 * generated for every stored file, and uploads. Knows nothing of HTTP beyond the header values it is handed.
 */
@ApplicationScoped
public class FileService {
    /** Generated checksum files, as the official OpenSearch artifact server offers them. */
    private static final List<String> CHECKSUM_SUFFIXES = List.of(".sha256", ".sha512");

    private final BlobStore store;
    private final CatalogNotifier catalog;
    private final String publicUrl;

    public FileService(BlobStore store, CatalogNotifier catalog, FileserverConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /** Resolves a GET or HEAD of {@code key}. Only {@link Download.Content} bodies touch the bytes, when written. */
    public Download download(String key, Conditions conditions) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return resolve(key, conditions);
            } catch (BlobChangedException e) {
                if (attempt >= 2) { // replaced again and again while we looked: let the client retry
                    throw e;
                }
            }
        }
    }

    private Download resolve(String key, Conditions conditions) throws IOException {
        Optional<BlobInfo> found = store.stat(key);
        if (found.isEmpty()) {
            return checksumFile(key).orElseGet(Download.NotFound::new);
        }
        BlobInfo info = found.get();
        if (conditions.notModified(info)) {
            return new Download.NotModified(info);
        }
        ByteRange.Parsed parsed = ByteRange.parse(conditions.effectiveRange(info), info.size());
        if (parsed instanceof ByteRange.Unsatisfiable) {
            return new Download.Unsatisfiable(info);
        }
        Optional<ByteRange> range = parsed instanceof ByteRange.Part p ? Optional.of(p.range()) : Optional.empty();
        return new Download.Content(info, ContentTypes.forName(BlobKeys.name(key)), range);
    }

    /**
     * The bytes of {@code content}: the immutable local file when the store has (or caches) one, sent with zero copy;
     * else a stream of exactly the range, opened when the response is written.
     */
    public Download.Body body(Download.Content content) {
        Optional<java.nio.file.Path> file = store.localFile(content.info());
        if (file.isPresent()) {
            return new Download.LocalFile(file.get());
        }
        return new Download.Streamed(() -> store.open(content.info(), content.offset(), content.length()));
    }

    /** {@code x.zip.sha512} for a stored {@code x.zip}: {@code <hex>  x.zip}, as sha512sum prints it. */
    private Optional<Download> checksumFile(String key) throws IOException {
        for (String suffix : CHECKSUM_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() > suffix.length()) {
                String base = key.substring(0, key.length() - suffix.length());
                if (base.endsWith("/")) {
                    return Optional.empty();
                }
                Optional<BlobInfo> source = store.stat(base);
                if (source.isPresent()) {
                    BlobInfo info = source.get();
                    String hex = suffix.equals(".sha256") ? info.sha256() : info.sha512();
                    String text = hex + "  " + BlobKeys.name(base) + "\n";
                    String etag = "\"" + info.sha256() + suffix + "\"";
                    return Optional.of(new Download.Generated(text, "text/plain; charset=utf-8", etag, info));
                }
            }
        }
        return Optional.empty();
    }

    /** The outcome of an upload. */
    public record Stored(BlobInfo info, boolean created) {}

    /**
     * Streams an upload into the store. Nothing is visible until the whole body arrived and matched the declared size
     * and digest; a failure leaves the previous version in place. The catalog is told afterwards, without waiting.
     */
    public Stored upload(String key, InputStream body, OptionalLong contentLength, Optional<String> sha256)
            throws IOException {
        boolean existed = store.stat(key).isPresent();
        Expectation expected = new Expectation(contentLength, sha256);
        BlobInfo info = store.put(key, body, expected);
        catalog.published(
                PublishedVersion.file(FileKinds.of(key), key, info.sha256(), info.size(), publicUrl + "/" + key));
        return new Stored(info, !existed);
    }

    public boolean delete(String key) throws IOException {
        return store.delete(key);
    }

    /** One line of a directory listing. */
    public record ListingEntry(String name, boolean directory, long size, Instant lastModified) {}

    /**
     * The immediate content of a directory, or empty when no file lies under it (the root always exists).
     */
    public Optional<List<ListingEntry>> list(String prefix) throws IOException {
        List<ListingEntry> entries;
        try (Stream<Entry> s = store.list(prefix, false)) {
            entries = s.map(e -> e instanceof Entry.File f
                            ? new ListingEntry(BlobKeys.name(f.key()), false, f.size(), f.lastModified())
                            : new ListingEntry(BlobKeys.name(e.key()), true, -1, null))
                    .toList();
        }
        if (entries.isEmpty() && !prefix.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entries);
    }
}
