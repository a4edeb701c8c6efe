package io.airlock.oci;

import io.airlock.storage.BlobStore;
import io.airlock.storage.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Mark and sweep over the store: frees blobs no manifest of any repository references, and upload sessions nobody
 * touched for a while.
 *
 * <p>What it never deletes, so that it can run beside pushes on any replica without a lock:
 *
 * <ul>
 *   <li>a blob or upload chunk younger than the grace period (an upload in flight, a blob whose manifest is about to
 *       be pushed);
 *   <li>a blob linked into a repository within the grace period (pushed again or mounted: its manifest may follow);
 *   <li>a blob a manifest references, including manifests pushed while the collection runs: references are marked
 *       again just before the sweep, from manifests newer than the start of the run.
 * </ul>
 */
public final class GarbageCollector {
    private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

    /** What one run removed. */
    public record Report(int blobsDeleted, long bytesFreed, int linksDeleted, int uploadsDeleted) {}

    private final Registry registry;
    private final BlobStore store;
    private final Clock clock;

    public GarbageCollector(Registry registry, Clock clock) {
        this.registry = registry;
        this.store = registry.store();
        this.clock = clock;
    }

    /**
     * @param grace nothing written or linked more recently than this is deleted
     * @param uploadMaxAge upload sessions without a write for this long are abandoned
     */
    public Report collect(Duration grace, Duration uploadMaxAge) throws IOException {
        Instant start = clock.instant();
        Instant cutoff = start.minus(grace);
        Set<Digest> keep = new HashSet<>();
        Map<Digest, List<String>> layerLinks = new HashMap<>();
        mark(Instant.MIN, cutoff, keep, layerLinks);

        List<Entry.File> candidates = new ArrayList<>();
        try (Stream<Entry> blobs = store.list(RegistryLayout.BLOBS, true)) {
            blobs.forEach(e -> {
                Digest d = RegistryLayout.digestOfBlobKey(e.key());
                if (d != null
                        && e instanceof Entry.File f
                        && !keep.contains(d)
                        && f.lastModified().isBefore(cutoff)) {
                    candidates.add(f);
                }
            });
        }
        if (!candidates.isEmpty()) {
            // Manifests pushed (and links made) since the first mark may need a candidate: mark them too.
            mark(start.minus(grace), cutoff, keep, new HashMap<>());
        }
        int blobs = 0;
        long bytes = 0;
        int links = 0;
        for (Entry.File f : candidates) {
            Digest d = RegistryLayout.digestOfBlobKey(f.key());
            if (keep.contains(d)) {
                continue;
            }
            if (store.delete(f.key())) {
                blobs++;
                bytes += f.size();
            }
            for (String link : layerLinks.getOrDefault(d, List.of())) {
                if (store.delete(link)) {
                    links++;
                }
            }
        }
        int uploads = collectUploads(start.minus(uploadMaxAge));
        Report report = new Report(blobs, bytes, links, uploads);
        LOG.debugf("garbage collection: %s", report);
        return report;
    }

    /**
     * Adds to {@code keep} every digest referenced by a manifest whose link is newer than {@code since}, and every
     * blob linked after {@code cutoff}; collects layer links by digest.
     */
    private void mark(Instant since, Instant cutoff, Set<Digest> keep, Map<Digest, List<String>> layerLinks)
            throws IOException {
        List<Entry.File> revisions = new ArrayList<>();
        try (Stream<Entry> all = store.list(RegistryLayout.REPOSITORIES, true)) {
            all.forEach(e -> {
                if (!(e instanceof Entry.File f)) {
                    return;
                }
                if (f.key().contains(RegistryLayout.REVISIONS)) {
                    if (f.lastModified().isAfter(since)) {
                        revisions.add(f);
                    }
                } else if (f.key().contains(RegistryLayout.LAYERS)) {
                    Digest d = RegistryLayout.digestOfLinkKey(f.key(), RegistryLayout.LAYERS);
                    if (d != null) {
                        layerLinks.computeIfAbsent(d, x -> new ArrayList<>()).add(f.key());
                        if (f.lastModified().isAfter(cutoff)) {
                            keep.add(d);
                        }
                    }
                }
            });
        }
        for (Entry.File revision : revisions) {
            Digest digest = RegistryLayout.digestOfLinkKey(revision.key(), RegistryLayout.REVISIONS);
            if (digest == null) {
                continue;
            }
            keep.add(digest);
            try {
                Optional<ManifestLink> link = registry.readJson(revision.key(), ManifestLink.class);
                if (link.isEmpty()) {
                    continue;
                }
                Optional<io.airlock.storage.BlobInfo> bytes = store.stat(RegistryLayout.blob(digest));
                if (bytes.isEmpty()) {
                    continue;
                }
                Manifest manifest;
                try (InputStream in = store.open(bytes.get(), 0, bytes.get().size())) {
                    manifest = Manifests.parse(in.readAllBytes(), link.get().mediaType());
                }
                manifest.references().forEach(d -> keep.add(d.digest()));
            } catch (OciException | IOException e) {
                // An unreadable manifest keeps itself; what it references cannot be known, so blobs stay linked.
                LOG.warnf("garbage collection: cannot read manifest %s: %s", revision.key(), e.getMessage());
                throw new IOException("cannot mark from " + revision.key() + ", not sweeping", e);
            }
        }
    }

    private int collectUploads(Instant abandonedBefore) throws IOException {
        List<String> sessions;
        try (Stream<Entry> dirs = store.list(RegistryLayout.UPLOADS, false)) {
            sessions = dirs.filter(e -> e instanceof Entry.Directory)
                    .map(Entry::key)
                    .toList();
        }
        int removed = 0;
        for (String dir : sessions) {
            List<Entry.File> files;
            try (Stream<Entry> entries = store.list(dir, false)) {
                files = entries.filter(e -> e instanceof Entry.File)
                        .map(Entry.File.class::cast)
                        .toList();
            }
            boolean abandoned = !files.isEmpty()
                    && files.stream().allMatch(f -> f.lastModified().isBefore(abandonedBefore));
            if (abandoned) {
                for (Entry.File f : files) {
                    store.delete(f.key());
                }
                removed++;
            }
        }
        return removed;
    }
}
