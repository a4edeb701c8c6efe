package io.airlock.cli.importer;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.client.PublishedVersion;
import io.airlock.cli.CliException;
import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.bundle.BundleManifest.Entry;
import io.airlock.cli.bundle.BundleManifest.Item;
import io.airlock.cli.bundle.BundleReader;
import io.airlock.cli.remote.CatalogClient;
import io.airlock.cli.remote.FalcoIndexClient;
import io.airlock.cli.remote.FileServerClient;
import io.airlock.cli.remote.OciClient;
import io.airlock.cli.remote.Progress;
import io.airlock.oci.Digest;
import io.airlock.oci.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a bundle: verifies ALL of it first (nothing is sent unless every byte matches the signed manifest), asks
 * each target what it already holds, then streams the bundle a second time and sends only what is missing. Files go
 * to the file server by PUT with their sha256 (Falco drivers through falco-index-service's validating API when it is
 * given); OCI artifacts to the registry by the push API (blobs the registry
 * already has are not re-sent; the manifest goes last, so a tag never points at missing content). Re-running after an
 * interruption finishes the rest: the targets themselves are the state (ETag of a file, blob HEAD, manifest HEAD).
 */
public final class BundleImporter {
    /** What importing an item does to its destination. */
    public enum Action {
        ADD("add"),
        REPLACE("replace"),
        PRESENT("present");

        final String word;

        Action(String word) {
            this.word = word;
        }
    }

    /** What an import did: counts per action, and blobs found already present in the registry. */
    public record Result(int added, int replaced, int present, int blobsSent, int blobsSkipped, long bytesSent) {}

    private final FileServerClient fileServer;
    private final OciClient registry;
    private final OciClient falcoRegistry;
    private final CatalogClient catalog;
    private final FalcoIndexClient falcoIndex;
    private final PrintStream out;
    private OciClient imageRegistry;
    private String imagePrefix;

    public BundleImporter(
            FileServerClient fileServer,
            OciClient registry,
            OciClient falcoRegistry,
            CatalogClient catalog,
            PrintStream out) {
        this(fileServer, registry, falcoRegistry, catalog, null, out);
    }

    /**
     * @param falcoIndex when given, Falco drivers go through its validating ingest API instead of a plain file server
     *     PUT (they land in the same tree, so presence is still read from the file server)
     */
    public BundleImporter(
            FileServerClient fileServer,
            OciClient registry,
            OciClient falcoRegistry,
            CatalogClient catalog,
            FalcoIndexClient falcoIndex,
            PrintStream out) {
        this.falcoIndex = falcoIndex;
        this.fileServer = fileServer;
        this.registry = registry;
        this.falcoRegistry = falcoRegistry == null ? registry : falcoRegistry;
        this.catalog = catalog;
        this.out = out;
    }

    /**
     * Sends container images to {@code target} instead of the registry, under {@code <prefix>/<upstream path>} when a
     * prefix is given (see {@link ImageTarget#repository}).
     */
    public BundleImporter imageTarget(OciClient target, String prefix) {
        this.imageRegistry = target;
        this.imagePrefix = prefix;
        return this;
    }

    public Result run(Path bundle, PublicKey key, boolean dryRun) throws IOException {
        BundleManifest manifest = BundleReader.verify(bundle, key);
        long total = manifest.items().stream().mapToLong(Item::size).sum();
        out.println("verified " + bundle.getFileName() + ": " + manifest.items().size() + " items, "
                + Progress.bytes(total) + ", signed by " + manifest.signingKey());
        if (fileServer == null && manifest.items().stream().anyMatch(i -> !i.isOci())) {
            throw CliException.usage(
                    "the bundle carries files but no --fileserver was given",
                    "Pass --fileserver (or set AIRLOCK_FILESERVER_URL): it tells which files, drivers included, are"
                            + " already present");
        }
        for (Item item : manifest.items()) {
            if (item.isOci() && registryFor(item) == null) {
                throw CliException.usage(
                        "the bundle carries " + item.kind() + " " + item.label() + " but no "
                                + (item.kind().startsWith("falco-") ? "--falco-index-url, --falco-registry or " : "")
                                + "--registry was given",
                        null);
            }
        }
        Map<String, String> upstreamOf = new LinkedHashMap<>();
        for (Item item : manifest.items()) {
            if (isImage(item)) {
                String upstream = item.destination().repository();
                String before = upstreamOf.putIfAbsent(repo(item), upstream);
                if (before != null && !before.equals(upstream)) {
                    throw CliException.usage(
                            "images " + before + " and " + upstream + " would both land at " + repo(item)
                                    + " under the prefix " + imagePrefix,
                            "Import into Airlock's registry (it keeps the upstream host in the name) or use one "
                                    + "prefix per upstream");
                }
            }
        }
        Map<Item, Action> plan = new LinkedHashMap<>();
        for (Item item : manifest.items()) {
            Action a = state(item);
            plan.put(item, a);
            if (dryRun) {
                out.printf(
                        "would %-7s %-17s %s (%s)%n",
                        a == Action.PRESENT ? "keep" : a.word,
                        item.kind(),
                        item.label(),
                        a == Action.PRESENT ? "already present" : Progress.bytes(item.size()));
            }
        }
        int add = count(plan, Action.ADD);
        int replace = count(plan, Action.REPLACE);
        int present = count(plan, Action.PRESENT);
        if (dryRun) {
            out.println("dry run: " + add + " to add, " + replace + " to replace, " + present
                    + " already present; nothing was changed");
            return new Result(add, replace, present, 0, 0, 0);
        }
        Pass pass = new Pass(manifest, plan);
        BundleReader.read(bundle, key, pass);
        out.println("imported " + bundle.getFileName() + ": " + add + " added, " + replace + " replaced, " + present
                + " already present; " + pass.blobsSent + " blobs sent, " + pass.blobsSkipped
                + " already in the registry"
                + (pass.blobsMounted > 0 ? ", " + pass.blobsMounted + " mounted from another repository" : "") + "; "
                + Progress.bytes(pass.bytesSent) + " sent");
        return new Result(add, replace, present, pass.blobsSent, pass.blobsSkipped, pass.bytesSent);
    }

    private static int count(Map<Item, Action> plan, Action a) {
        return (int) plan.values().stream().filter(a::equals).count();
    }

    private static boolean isDriver(Item item) {
        return ArtifactKind.FALCO_DRIVER.id().equals(item.kind());
    }

    private OciClient registryFor(Item item) {
        if (isImage(item)) {
            return imageRegistry != null ? imageRegistry : registry;
        }
        return item.kind().startsWith("falco-") ? falcoRegistry : registry;
    }

    private static boolean isImage(Item item) {
        return ArtifactKind.CONTAINER_IMAGE.id().equals(item.kind());
    }

    /** The repository an OCI item goes to in its registry. */
    private String repo(Item item) {
        return isImage(item)
                ? ImageTarget.repository(imagePrefix, item.destination().repository())
                : item.destination().repository();
    }

    private Action state(Item item) throws IOException {
        Optional<String> there;
        if (item.isOci()) {
            there = registryFor(item)
                    .manifestDigest(repo(item), item.destination().tag())
                    .map(Digest::hex);
        } else {
            there = fileServer.sha256(item.destination().file());
        }
        if (there.isEmpty()) {
            return Action.ADD;
        }
        return there.get().equals(item.sha256()) ? Action.PRESENT : Action.REPLACE;
    }

    /** The second pass: sends what the plan says, item by item, as the bundle streams by. */
    private final class Pass implements BundleReader.Handler {
        private final BundleManifest manifest;
        private final Map<Item, Action> plan;
        private byte[] manifestBytes;
        private long itemStart;
        private long itemBytes;
        private int itemBlobsSkipped;
        int blobsSent;
        int blobsSkipped;
        int blobsMounted;
        long bytesSent;

        Pass(BundleManifest manifest, Map<Item, Action> plan) {
            this.manifest = manifest;
            this.plan = plan;
        }

        @Override
        public void itemStart(Item item) throws IOException {
            manifestBytes = null;
            itemBytes = 0;
            itemBlobsSkipped = 0;
            itemStart = System.nanoTime();
            if (plan.get(item) != Action.PRESENT) {
                try {
                    mountShared(item);
                } catch (CliException e) {
                    throw failed(item, e);
                }
            }
        }

        /**
         * The blobs another image carries for this one (stored once in the bundle): present in this repository
         * already, or mounted from the repository of the image that carried them, before any manifest needs them.
         */
        private void mountShared(Item item) throws IOException {
            OciClient target = registryFor(item);
            String repo = repo(item);
            for (BundleManifest.Shared shared : item.sharedBlobs()) {
                Digest digest = Digest.parse("sha256:" + shared.sha256());
                if (target.blobExists(repo, digest)) {
                    blobsSkipped++;
                    itemBlobsSkipped++;
                    continue;
                }
                String from = ImageTarget.repository(imagePrefix, shared.repository());
                if (!target.mountBlob(repo, digest, from)) {
                    throw CliException.refused(
                            "blob " + digest + " is carried by image " + shared.repository()
                                    + " (of this bundle or of the bundle it is a delta to), and the registry did not "
                                    + "mount it from " + from,
                            "Import the bundle this one is a delta to first, or check that the registry allows "
                                    + "cross-repository mounts");
                }
                blobsMounted++;
            }
        }

        @Override
        public void entry(Item item, Entry entry, InputStream in) throws IOException {
            if (plan.get(item) == Action.PRESENT) {
                return;
            }
            try {
                if (!item.isOci() && isDriver(item) && falcoIndex != null) {
                    falcoIndex.putDriver(item.destination().file(), item.sha256(), entry.size(), in, item.label());
                    sent(entry.size());
                    return;
                }
                if (!item.isOci()) {
                    fileServer.put(item.destination().file(), item.sha256(), entry.size(), in, item.label());
                    sent(entry.size());
                    return;
                }
                String name = entry.path().substring(item.path().length() + 1);
                if (!name.startsWith("blobs/sha256/")) {
                    return; // oci-layout and index.json describe the layout; the registry needs neither
                }
                if (entry.sha256().equals(item.sha256())) {
                    manifestBytes = in.readNBytes((int) entry.size()); // at most 4 MiB, checked at create
                    return;
                }
                OciClient target = registryFor(item);
                String repo = repo(item);
                Digest digest = Digest.parse("sha256:" + entry.sha256());
                if (entry.mediaType() != null) {
                    // a platform manifest of an image index: pushed by digest, after its blobs, before the index
                    if (target.manifestDigest(repo, digest.toString()).isPresent()) {
                        blobsSkipped++;
                        itemBlobsSkipped++;
                        return;
                    }
                    target.pushManifest(repo, digest.toString(), manifestOf(item, entry, in), entry.mediaType());
                    blobsSent++;
                    sent(entry.size());
                    return;
                }
                if (target.blobExists(repo, digest)) {
                    blobsSkipped++;
                    itemBlobsSkipped++;
                    return;
                }
                target.pushBlob(
                        repo,
                        digest,
                        entry.size(),
                        in,
                        item.label() + " " + entry.sha256().substring(0, 12));
                blobsSent++;
                sent(entry.size());
            } catch (CliException e) {
                throw failed(item, e);
            }
        }

        @Override
        public void itemEnd(Item item) throws IOException {
            Action action = plan.get(item);
            try {
                if (action != Action.PRESENT && item.isOci()) {
                    if (manifestBytes == null) {
                        throw CliException.refused("the bundle holds no manifest for " + item.label(), null);
                    }
                    registryFor(item)
                            .pushManifest(repo(item), item.destination().tag(), manifestBytes, item.mediaType());
                }
                if (catalog != null) {
                    catalog.register(version(item));
                }
            } catch (CliException e) {
                throw failed(item, e);
            }
            if (action == Action.PRESENT) {
                out.printf("present  %-17s %s%n", item.kind(), item.label());
            } else {
                long nanos = System.nanoTime() - itemStart;
                out.printf(
                        "%-8s %-17s %s (%s sent%s, %s)%n",
                        action == Action.ADD ? "added" : "replaced",
                        item.kind(),
                        item.label(),
                        Progress.bytes(itemBytes),
                        itemBlobsSkipped == 0
                                ? ""
                                : ", " + itemBlobsSkipped + (itemBlobsSkipped == 1 ? " blob" : " blobs")
                                        + " already in the registry",
                        Progress.rate(itemBytes, nanos));
            }
        }

        /** The whole entry, read to its end so that its digest is checked before anything is pushed. */
        private byte[] manifestOf(Item item, Entry entry, InputStream in) throws IOException {
            if (entry.size() > Manifests.MAX_SIZE) {
                throw CliException.refused(
                        "manifest " + entry.path() + " of " + item.label() + " is larger than 4 MiB",
                        "Recreate the bundle");
            }
            return in.readAllBytes();
        }

        private void sent(long n) {
            itemBytes += n;
            bytesSent += n;
        }

        private CliException failed(Item item, CliException e) {
            String next = e.next() == null ? "" : e.next();
            if (!next.contains("resumes")) {
                next = (next.isEmpty() ? "" : next + "; ") + "run the same command again: it resumes where it stopped";
            }
            return new CliException(e.exitCode(), "import of " + item.label() + " failed: " + e.getMessage(), next);
        }

        private PublishedVersion version(Item item) {
            if (isImage(item)) {
                return imageVersion(item);
            }
            boolean oci = item.isOci();
            String location = oci
                    ? registryFor(item).host() + "/" + item.destination().repository() + ":"
                            + item.destination().tag()
                    : fileServer.url(item.destination().file()).toString();
            return new PublishedVersion(
                    item.kind(),
                    item.destination().toString(),
                    oci ? item.destination().tag() : null,
                    "sha256:" + item.sha256(),
                    oci ? manifestSize(item) : item.size(),
                    item.mediaType(),
                    location,
                    item.source() + " (bundle " + manifest.name() + ")",
                    item.upstreamBuiltAt(),
                    item.validUntil(),
                    manifest.name());
        }

        /**
         * A container image as the catalog records it: named by its upstream-named repository and tag (or digest),
         * located by digest where it landed, sized as the manifest or index with every blob counted once.
         */
        private PublishedVersion imageVersion(Item item) {
            String reference = item.destination().tag();
            boolean byDigest = reference.startsWith("sha256:");
            String digest = "sha256:" + item.sha256();
            long size = item.entries().stream()
                            .filter(e -> e.path().contains("/blobs/sha256/"))
                            .mapToLong(Entry::size)
                            .sum()
                    + item.sharedBlobs().stream()
                            .mapToLong(BundleManifest.Shared::size)
                            .sum();
            return new PublishedVersion(
                    ArtifactKind.CONTAINER_IMAGE.id(),
                    item.destination().repository() + (byDigest ? "@" : ":") + reference,
                    byDigest ? null : reference,
                    digest,
                    size,
                    item.mediaType(),
                    registryFor(item).host() + "/" + repo(item) + "@" + digest,
                    item.source(),
                    item.upstreamBuiltAt(),
                    item.validUntil(),
                    manifest.name(),
                    item.platforms());
        }

        private long manifestSize(Item item) {
            return item.entries().stream()
                    .filter(e -> e.sha256().equals(item.sha256()))
                    .mapToLong(Entry::size)
                    .findFirst()
                    .orElse(item.size());
        }
    }
}
