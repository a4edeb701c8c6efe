package io.airlock.falco.store;

import io.airlock.falco.config.FalcoConfig;
import io.airlock.storage.BlobStore;
import io.airlock.storage.BlobStoreProducer;
import io.airlock.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The file server's tree, opened on the same backend as this service's own store: whatever is put here is served by
 * fileserver-service at {@code /<key>}. The keys this service writes there, and nothing else:
 *
 * <pre>
 * &lt;driverVersion&gt;/&lt;arch&gt;/&lt;driverName&gt;_&lt;targetID&gt;_&lt;kernelRelease&gt;_&lt;kernelVersion&gt;.ko|.o
 *     e.g. 8.1.0+driver/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko  (served at /8.1.0%2Bdriver/x86_64/...)
 * falcoctl/index.yaml                                   (airlock.falco.index.path)
 * </pre>
 *
 * This service's own namespace ({@code airlock.storage.namespace=falco}) holds its state:
 *
 * <pre>
 * coverage/nodes.json      the last declared node set (normalized list form)
 * index/upstream.yaml      the last upstream index given to mirror
 * blobs/, repositories/, uploads/   the Falco OCI registry (libs/oci's RegistryLayout)
 * </pre>
 */
@ApplicationScoped
public class FileTree {
    private final BlobStore store;

    public FileTree(StorageConfig storage, FalcoConfig config) {
        try {
            this.store = BlobStoreProducer.create(storage, config.filesNamespace());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file server's tree '" + config.filesNamespace() + "'", e);
        }
    }

    public BlobStore store() {
        return store;
    }
}
