package io.airlock.falco.index;

import io.airlock.falco.config.FalcoConfig;
import io.airlock.falco.store.FileTree;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Expectation;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The falcoctl index: generated from what is hosted ({@link HostedArtifacts}) and nothing else, described with the
 * upstream index's metadata when one was given, pointed at this installation's registry, and published into the file
 * server's tree ({@code falcoctl/index.yaml}) at start and after every change. An entry for an artifact that cannot be
 * pulled here never appears.
 */
@ApplicationScoped
public class IndexService {
    private static final Logger LOG = Logger.getLogger(IndexService.class);
    static final String UPSTREAM_KEY = "index/upstream.yaml";

    private final BlobStore own;
    private final BlobStore files;
    private final HostedArtifacts hosted;
    private final FalcoConfig config;

    public IndexService(BlobStore own, FileTree tree, HostedArtifacts hosted, FalcoConfig config) {
        this.own = own;
        this.files = tree.store();
        this.hosted = hosted;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            publish();
        } catch (Exception e) {
            LOG.warnf(
                    "could not publish %s at start (will on the next change): %s",
                    config.index().path(), e);
        }
    }

    void artifactsChanged(@Observes ArtifactsChanged event) throws IOException {
        publish();
    }

    /** Mirrors an upstream index: keeps it as the source of descriptions, regenerates, reports what is not hosted. */
    public MirrorReport mirror(byte[] upstreamYaml) throws IOException {
        List<IndexEntry> upstream = IndexYaml.read(upstreamYaml);
        byte[] normalized = IndexYaml.write(upstream);
        own.put(UPSTREAM_KEY, new ByteArrayInputStream(normalized), Expectation.of((long) normalized.length, null));
        publish();
        return compare(upstream);
    }

    /** The last mirrored upstream index compared with what is hosted now. */
    public Optional<MirrorReport> mirrorReport() throws IOException {
        Optional<List<IndexEntry>> upstream = upstream();
        return upstream.isEmpty() ? Optional.empty() : Optional.of(compare(upstream.get()));
    }

    /** The entries of the index as generated now. */
    public List<IndexEntry> generate() throws IOException {
        List<IndexEntry> upstream = upstream().orElse(List.of());
        return generate(
                hosted.list(),
                upstream,
                config.registryHost(),
                operatorSignature(config.index().signature()));
    }

    /** The operator's signer as a {@code signature} block, or empty when none is configured. */
    static Optional<IndexEntry.Signature> operatorSignature(FalcoConfig.Signature s) {
        IndexEntry.Cosign cosign = new IndexEntry.Cosign(
                s.certificateOidcIssuer().orElse(null),
                s.certificateOidcIssuerRegexp().orElse(null),
                s.certificateIdentity().orElse(null),
                s.certificateIdentityRegexp().orElse(null),
                s.certificateGithubWorkflow().orElse(null));
        boolean any = s.certificateOidcIssuer().isPresent()
                || s.certificateOidcIssuerRegexp().isPresent()
                || s.certificateIdentity().isPresent()
                || s.certificateIdentityRegexp().isPresent()
                || s.certificateGithubWorkflow().isPresent();
        return any ? Optional.of(new IndexEntry.Signature(cosign)) : Optional.empty();
    }

    /**
     * One entry per hosted artifact (falcoctl refuses an index with two entries of one name: the first wins): upstream's description when an upstream entry names the same repository and type,
     * else a bare one; registry rewritten; upstream signatures never carried over.
     */
    static List<IndexEntry> generate(
            List<HostedArtifact> hosted,
            List<IndexEntry> upstream,
            String registryHost,
            Optional<IndexEntry.Signature> signature) {
        List<IndexEntry> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (HostedArtifact a : hosted) {
            IndexEntry described = upstream.stream()
                    .filter(u -> u.type().equals(a.type()) && u.repository().equals(a.repository()))
                    .findFirst()
                    .orElseGet(() -> new IndexEntry(
                            a.name(), a.type(), "", a.repository(), "", "", List.of(), "", List.of(), List.of(), null));
            if (names.add(described.name())) {
                out.add(described.hostedAt(registryHost, a.repository(), signature.orElse(null)));
            }
        }
        return out;
    }

    /** Writes the index into the file server's tree unless it already holds exactly these bytes. */
    public List<IndexEntry> publish() throws IOException {
        List<IndexEntry> entries = generate();
        byte[] yaml = IndexYaml.write(entries);
        String sha256 = sha256(yaml);
        Optional<BlobInfo> current = files.stat(config.index().path());
        if (current.isEmpty() || !current.get().sha256().equals(sha256)) {
            files.put(
                    config.index().path(), new ByteArrayInputStream(yaml), Expectation.of((long) yaml.length, sha256));
            LOG.infof("published %s with %d entries", config.index().path(), entries.size());
        }
        return entries;
    }

    private MirrorReport compare(List<IndexEntry> upstream) throws IOException {
        List<HostedArtifact> now = hosted.list();
        List<MirrorReport.Ref> in = new ArrayList<>();
        List<MirrorReport.Ref> out = new ArrayList<>();
        for (IndexEntry u : upstream) {
            boolean isHosted = now.stream()
                    .anyMatch(a -> a.type().equals(u.type()) && a.repository().equals(u.repository()));
            (isHosted ? in : out).add(MirrorReport.Ref.of(u));
        }
        return new MirrorReport(upstream.size(), in, out);
    }

    private Optional<List<IndexEntry>> upstream() throws IOException {
        Optional<BlobInfo> info = own.stat(UPSTREAM_KEY);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = own.open(info.get(), 0, info.get().size())) {
            return Optional.of(IndexYaml.read(in.readAllBytes()));
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
