package io.airlock.trivydb.trivy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.airlock.storage.BlobChangedException;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Entry;
import io.airlock.storage.Expectation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The recorded {@link TrivyDbFacts}, one small JSON document per repository in object storage (beside the registry's
 * own keys, which garbage collection never touches):
 *
 * <pre>
 * trivy/&lt;repository&gt;/_status.json     the facts of the last push to the repository
 * </pre>
 *
 * Repository components never start with {@code _}, so {@code _status.json} cannot clash with a nested repository.
 */
@ApplicationScoped
public class TrivyStatusStore {
    private static final Logger LOG = Logger.getLogger(TrivyStatusStore.class);
    static final String PREFIX = "trivy/";
    static final String FILE = "_status.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final BlobStore store;

    public TrivyStatusStore(BlobStore store) {
        this.store = store;
    }

    public void record(TrivyDbFacts facts) throws IOException {
        byte[] b = JSON.writeValueAsBytes(facts);
        store.put(key(facts.repository()), new ByteArrayInputStream(b), Expectation.of((long) b.length, null));
    }

    public Optional<TrivyDbFacts> find(String repository) throws IOException {
        return read(key(repository));
    }

    /** Every recorded repository, in name order. */
    public List<TrivyDbFacts> all() throws IOException {
        List<String> keys;
        try (Stream<Entry> entries = store.list(PREFIX, true)) {
            keys = entries.filter(e -> e instanceof Entry.File && e.key().endsWith("/" + FILE))
                    .map(Entry::key)
                    .toList();
        }
        List<TrivyDbFacts> all = new ArrayList<>();
        for (String key : keys) {
            try {
                read(key).ifPresent(all::add);
            } catch (IOException e) {
                LOG.warnf("unreadable Trivy status %s: %s", key, e.getMessage());
            }
        }
        return all;
    }

    private Optional<TrivyDbFacts> read(String key) throws IOException {
        Optional<BlobInfo> info = store.stat(key);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = store.open(info.get(), 0, info.get().size())) {
            return Optional.of(JSON.readValue(in, TrivyDbFacts.class));
        } catch (BlobChangedException e) {
            return read(key);
        }
    }

    private static String key(String repository) {
        return PREFIX + repository + "/" + FILE;
    }
}
