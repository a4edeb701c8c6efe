package io.airlock.catalog.reconcile;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.client.FileKinds;
import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.domain.Digest;
import io.airlock.catalog.domain.VersionSource;
import io.airlock.catalog.model.RegisterVersionRequest;
import io.airlock.catalog.service.CatalogService;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreProducer;
import io.airlock.storage.Entry;
import io.airlock.storage.StorageConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Repairs lost notifications: lists the configured storage namespaces and registers every file whose content (key and
 * sha256) the catalog does not know yet. Keys are taken as served by the file server under the same path, and their
 * kind is guessed from the path (the file server's layout: plugin zips at the root, the falcoctl index, the driver
 * tree); anything else is a plain {@code file}.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    @Inject
    CatalogConfig config;

    @Inject
    StorageConfig storage;

    @Inject
    CatalogService catalog;

    @Inject
    EntityManager em;

    private final Map<String, BlobStore> stores = new ConcurrentHashMap<>();

    /** What one pass did. */
    public record Result(int listed, int registered, int failed) {}

    @Scheduled(
            identity = "storage-reconciliation",
            every = "${airlock.catalog.reconcile.interval}",
            delay = 30,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Result r = reconcile();
            if (r.registered() > 0 || r.failed() > 0) {
                LOG.infof(
                        "reconciliation: %d files listed, %d registered, %d failed",
                        r.listed(), r.registered(), r.failed());
            }
        } catch (RuntimeException e) {
            LOG.warnf("reconciliation failed: %s", e);
        }
    }

    public synchronized Result reconcile() {
        Set<String> known = known();
        int listed = 0;
        int registered = 0;
        int failed = 0;
        for (String namespace : config.reconcile().namespaces()) {
            BlobStore store = store(namespace);
            List<Entry.File> files;
            try (Stream<Entry> entries = store.list("", true)) {
                files = entries.filter(Entry.File.class::isInstance)
                        .map(Entry.File.class::cast)
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list storage namespace " + namespace, e);
            }
            for (Entry.File file : files) {
                listed++;
                try {
                    Optional<BlobInfo> info = store.stat(file.key());
                    if (info.isEmpty()) {
                        continue; // deleted since the listing
                    }
                    String location = location(namespace, file.key());
                    String digest = Digest.sha256Hex(info.get().sha256()).value();
                    if (known.contains(location + " " + digest)) {
                        continue;
                    }
                    catalog.register(
                            new RegisterVersionRequest(
                                    kindOf(file.key()).id(),
                                    file.key(),
                                    null,
                                    digest,
                                    info.get().size(),
                                    null,
                                    location,
                                    null,
                                    info.get().lastModified(),
                                    null,
                                    null),
                            VersionSource.RECONCILIATION);
                    registered++;
                } catch (IOException | RuntimeException e) {
                    failed++;
                    LOG.warnf("reconciliation: cannot register %s/%s: %s", namespace, file.key(), e);
                }
            }
        }
        return new Result(listed, registered, failed);
    }

    @Transactional
    Set<String> known() {
        List<Object[]> rows = em.createQuery("select v.location, v.digest from ArtifactVersion v", Object[].class)
                .getResultList();
        Set<String> known = new HashSet<>();
        for (Object[] row : rows) {
            known.add(row[0] + " " + row[1]);
        }
        return known;
    }

    String location(String namespace, String key) {
        if ("files".equals(namespace)) {
            return config.welkin().fileserverUrl().replaceAll("/+$", "") + "/" + key;
        }
        return "storage://" + namespace + "/" + key;
    }

    static ArtifactKind kindOf(String key) {
        return FileKinds.of(key);
    }

    private BlobStore store(String namespace) {
        return stores.computeIfAbsent(namespace, ns -> {
            try {
                return BlobStoreProducer.create(storage, ns);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open storage namespace " + ns, e);
            }
        });
    }
}
