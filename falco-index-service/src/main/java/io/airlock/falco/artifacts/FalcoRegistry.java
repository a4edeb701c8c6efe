package io.airlock.falco.artifacts;

import io.airlock.auth.AccessDecision;
import io.airlock.auth.AccessPolicy;
import io.airlock.auth.Challenges;
import io.airlock.falco.index.ArtifactsChanged;
import io.airlock.falco.index.HostedArtifact;
import io.airlock.falco.index.HostedArtifacts;
import io.airlock.oci.Descriptor;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifest;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import io.airlock.oci.Reference;
import io.airlock.oci.Registry;
import io.airlock.oci.RegistryLayout;
import io.airlock.oci.RepositoryName;
import io.airlock.oci.StoredManifest;
import io.airlock.oci.Tag;
import io.airlock.oci.rest.ManifestPush;
import io.airlock.oci.rest.RegistryHooks;
import io.airlock.storage.BlobInfo;
import io.airlock.storage.BlobStore;
import io.airlock.storage.Entry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Falco rulesfiles, plugins and assets as OCI artifacts (the registry core of libs/oci, in this service's namespace
 * under {@code blobs/} and {@code repositories/}). On top of the core's rules:
 *
 * <ul>
 *   <li>only Falco artifacts: an image manifest whose config is {@code application/vnd.cncf.falco.<type>.config.v1+json}
 *       with exactly one layer {@code ...<type>.layer.v1+tar.gz} and a valid config JSON ({@link ArtifactConfig}), or
 *       an image index of such manifests, one per platform (plugins);
 *   <li>tags follow the config's version {@code X.Y.Z}: a push tagged {@code X.Y.Z} also moves {@code X.Y}, {@code X}
 *       and {@code latest} when it is the newest of theirs; a push tagged with an alias is accepted only when the alias
 *       names this version and does not move backwards; any other version-like tag that contradicts the config's
 *       version is refused;
 *   <li>what it holds is what the falcoctl index lists ({@link HostedArtifacts}); every tag push regenerates it.
 * </ul>
 *
 * <p>The {@code /v2} HTTP layer and its rules are the shared ones of libs/oci-rest, which calls this bean as its
 * {@link RegistryHooks}.
 */
@ApplicationScoped
public class FalcoRegistry implements HostedArtifacts, RegistryHooks {
    private static final int MAX_CONFIG_BYTES = 1024 * 1024;
    private static final String LATEST = "latest";

    private final Registry core;
    private final BlobStore own;
    private final AccessPolicy policy;
    private final SecurityIdentity identity;
    private final Event<ArtifactsChanged> changed;

    public FalcoRegistry(
            Registry core,
            BlobStore own,
            AccessPolicy policy,
            SecurityIdentity identity,
            Event<ArtifactsChanged> changed) {
        this.core = core;
        this.own = own;
        this.policy = policy;
        this.identity = identity;
        this.changed = changed;
    }

    // ---------------------------------------------------------------- access

    @Override
    public AccessDecision decideRead() {
        return policy.decideRead(identity);
    }

    @Override
    public AccessDecision decideWrite() {
        return policy.decideWrite(identity);
    }

    /** Pushes authenticate with the admin credential of libs/auth, as HTTP Basic. */
    @Override
    public String challenge(URI baseUri) {
        return Challenges.BASIC;
    }

    // ---------------------------------------------------------------- pushes and deletes

    /** A Falco artifact's manifest: its tag checked against its version; after a push by version, the aliases move. */
    @Override
    public ManifestPush manifestPush(RepositoryName repository, Reference reference) {
        return new ManifestPush() {
            private SemVer version;

            @Override
            public void check(RepositoryName repo, Digest digest, Manifest manifest) throws IOException {
                version = versionOf(repo, manifest);
                if (reference instanceof Tag tag) {
                    checkTag(repo, tag, version, digest);
                }
            }

            @Override
            public void pushed(StoredManifest stored, Manifest manifest) throws IOException {
                if (reference instanceof Tag tag) {
                    if (tag.value().equals(version.full())) {
                        moveAliases(repository, stored, version);
                    }
                    changed.fire(new ArtifactsChanged());
                }
            }
        };
    }

    @Override
    public void deleted(RepositoryName repository, Reference reference) {
        changed.fire(new ArtifactsChanged());
    }

    /** The Falco version of a manifest: its config's, or for an index its children's (which must agree). */
    private SemVer versionOf(RepositoryName repo, Manifest manifest) throws IOException {
        if (manifest instanceof Manifest.Index index) {
            if (index.manifests().isEmpty()) {
                throw new OciException(
                        OciError.MANIFEST_INVALID, "an image index of a Falco plugin lists its platforms");
            }
            SemVer version = null;
            for (Descriptor d : index.manifests()) {
                if (d.platform() == null
                        || d.platform().os() == null
                        || d.platform().architecture() == null) {
                    throw new OciException(
                            OciError.MANIFEST_INVALID,
                            "each manifest of the index needs its platform (os, architecture)");
                }
                Manifest child = parseStored(core.requireManifest(repo, d.digest()));
                SemVer v = versionOf(repo, child);
                if (version != null && version.compareTo(v) != 0) {
                    throw new OciException(
                            OciError.MANIFEST_INVALID, "the platforms of one index carry different versions");
                }
                version = v;
            }
            return version;
        }
        Manifest.Image image = (Manifest.Image) manifest;
        return describe(repo, image).config().version();
    }

    /** What a Falco image manifest holds; refuses anything else. */
    private Described describe(RepositoryName repo, Manifest.Image image) throws IOException {
        Descriptor config = image.config();
        String type = config == null
                ? null
                : FalcoMediaTypes.typeOfConfig(config.mediaType()).orElse(null);
        if (type == null) {
            throw new OciException(
                    OciError.MANIFEST_INVALID,
                    "not a Falco artifact: the config media type must be application/vnd.cncf.falco."
                            + "{rulesfile,plugin,asset}.config.v1+json");
        }
        if (image.layers().size() != 1
                || !FalcoMediaTypes.layer(type).equals(image.layers().get(0).mediaType())) {
            throw new OciException(
                    OciError.MANIFEST_INVALID,
                    "a Falco " + type + " has exactly one layer of type " + FalcoMediaTypes.layer(type));
        }
        if (config.size() > MAX_CONFIG_BYTES) {
            throw new OciException(OciError.MANIFEST_INVALID, "the config blob is larger than 1 MiB");
        }
        BlobInfo blob = core.requireBlob(repo, config.digest());
        byte[] json;
        try (InputStream in = core.open(blob, 0, blob.size())) {
            json = in.readAllBytes();
        }
        return new Described(type, ArtifactConfig.parse(json));
    }

    private record Described(String type, ArtifactConfig config) {}

    private void checkTag(RepositoryName repo, Tag tag, SemVer version, Digest digest) throws IOException {
        String t = tag.value();
        if (t.equals(version.full())) {
            return;
        }
        boolean alias = t.equals(LATEST)
                || (version.isRelease() && (t.equals(version.minorAlias()) || t.equals(version.majorAlias())));
        if (!alias) {
            if (t.matches("\\d+(\\.\\d+){0,2}(-.*)?") || t.startsWith("v")) {
                throw new OciException(
                        OciError.MANIFEST_INVALID,
                        "tag " + t + " contradicts the artifact's version " + version.full() + ": push it as "
                                + version.full() + " (and its aliases)");
            }
            return; // a free-form tag (e.g. "dev")
        }
        Optional<SemVer> current = taggedVersion(repo, t);
        if (current.isPresent() && current.get().compareTo(version) > 0) {
            throw new OciException(
                    OciError.MANIFEST_INVALID,
                    "tag " + t + " names " + current.get().full() + ", newer than " + version.full()
                            + ": an alias never moves backwards");
        }
    }

    /** After a push as {@code X.Y.Z}: point {@code X.Y}, {@code X} and {@code latest} at it when it is their newest. */
    private void moveAliases(RepositoryName repo, StoredManifest stored, SemVer version) throws IOException {
        if (!version.isRelease()) {
            return;
        }
        byte[] bytes;
        try (InputStream in = core.open(stored.blob(), 0, stored.size())) {
            bytes = in.readAllBytes();
        }
        for (String alias : List.of(version.minorAlias(), version.majorAlias(), LATEST)) {
            Optional<SemVer> current = taggedVersion(repo, alias);
            if (current.isEmpty() || current.get().compareTo(version) <= 0) {
                core.putManifest(
                        repo,
                        Tag.parse(alias),
                        stored.mediaType(),
                        new ByteArrayInputStream(bytes),
                        bytes.length,
                        io.airlock.oci.ManifestCheck.NONE);
            }
        }
    }

    private Optional<SemVer> taggedVersion(RepositoryName repo, String tag) throws IOException {
        Optional<StoredManifest> m = core.manifest(repo, Tag.parse(tag));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(versionOf(repo, parseStored(m.get())));
    }

    private Manifest parseStored(StoredManifest m) throws IOException {
        try (InputStream in = core.open(m.blob(), 0, m.size())) {
            return io.airlock.oci.Manifests.parse(in.readAllBytes(), m.mediaType());
        }
    }

    // ---------------------------------------------------------------- what the index may list

    /** Every repository with a {@code latest} tag, typed and named by its config. */
    @Override
    public List<HostedArtifact> list() throws IOException {
        TreeSet<String> repos = new TreeSet<>();
        String marker = "/_manifests/tags/";
        try (Stream<Entry> entries = own.list(RegistryLayout.REPOSITORIES, true)) {
            entries.map(Entry::key)
                    .filter(k -> k.contains(marker))
                    .forEach(k -> repos.add(k.substring(RegistryLayout.REPOSITORIES.length(), k.indexOf(marker))));
        }
        List<HostedArtifact> out = new ArrayList<>();
        for (String name : repos) {
            RepositoryName repo = RepositoryName.parse(name);
            Optional<StoredManifest> latest = core.manifest(repo, Tag.parse(LATEST));
            if (latest.isEmpty()) {
                continue;
            }
            try {
                Manifest m = parseStored(latest.get());
                Manifest.Image image = m instanceof Manifest.Index index
                        ? (Manifest.Image) parseStored(core.requireManifest(
                                repo, index.manifests().get(0).digest()))
                        : (Manifest.Image) m;
                Described d = describe(repo, image);
                out.add(new HostedArtifact(d.type(), name, d.config().name()));
            } catch (OciException | ClassCastException e) {
                // not pullable as a Falco artifact: never listed
            }
        }
        return out;
    }
}
