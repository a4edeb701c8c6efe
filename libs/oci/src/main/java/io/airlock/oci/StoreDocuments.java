package io.airlock.oci;

import io.airlock.storage.BlobStore;
import io.airlock.storage.Expectation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The registry's small documents in the store: tags, links, upload sessions and referrer entries, each written and
 * read whole (one round trip on object storage).
 */
final class StoreDocuments {
    private final BlobStore store;

    StoreDocuments(BlobStore store) {
        this.store = store;
    }

    void putSmall(String key, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(b), Expectation.of((long) b.length, null));
    }

    void putJson(String key, Object value) throws IOException {
        byte[] b = OciJson.MAPPER.writeValueAsBytes(value);
        store.put(key, new ByteArrayInputStream(b), Expectation.of((long) b.length, null));
    }

    Optional<String> readSmall(String key) throws IOException {
        return store.readSmall(key, Manifests.MAX_SIZE).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    <T> Optional<T> readJson(String key, Class<T> type) throws IOException {
        Optional<String> text = readSmall(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OciJson.MAPPER.readValue(text.get(), type));
    }
}
