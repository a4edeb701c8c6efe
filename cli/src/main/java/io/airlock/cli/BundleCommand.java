package io.airlock.cli;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.cli.bundle.BundleManifest;
import io.airlock.cli.bundle.BundleReader;
import io.airlock.cli.create.BundleCreator;
import io.airlock.cli.create.BundleCreator.FileJob;
import io.airlock.cli.create.BundleCreator.Job;
import io.airlock.cli.create.BundleCreator.OciJob;
import io.airlock.cli.create.CoverageInput;
import io.airlock.cli.create.ImageLists;
import io.airlock.cli.create.RegistryAuth;
import io.airlock.cli.importer.BundleImporter;
import io.airlock.cli.importer.ImageTarget;
import io.airlock.cli.keys.Keys;
import io.airlock.cli.remote.CatalogClient;
import io.airlock.cli.remote.FalcoIndexClient;
import io.airlock.cli.remote.FileServerClient;
import io.airlock.cli.remote.OciClient;
import io.airlock.cli.remote.Progress;
import io.airlock.cli.spec.BundleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bundle",
        description = "Create, verify and import bundles.",
        subcommands = {BundleCommand.Create.class, BundleCommand.Verify.class, BundleCommand.Import.class})
public final class BundleCommand {

    @Command(
            name = "create",
            description = "Fetch what the spec lists from the upstreams and write one signed bundle (connected side).")
    public static final class Create implements Callable<Integer> {
        @Option(names = "--spec", required = true, description = "bundle.yaml: what to carry (see docs/bundles.md).")
        Path spec;

        @Option(names = "--out", required = true, description = "The bundle to write, e.g. airlock-2026-11-24.tar.")
        Path out;

        @Option(names = "--key", required = true, description = "private.pem from 'airlock keys generate'.")
        Path key;

        @Option(
                names = "--zstd",
                description = "Compress the tar with zstd (default when --out ends with .zst); verify and import "
                        + "detect it.")
        boolean zstd;

        @Option(
                names = "--public-key",
                description = "public.pem of the key pair (default: public.pem beside --key); names the signer.")
        Path publicKeyFile;

        @Option(
                names = "--coverage",
                description = "A coverage report exported inside (GET /api/v1/coverage of falco-index-service or of "
                        + "catalog-service): adds the driver files and plugin zips it lists as needed. Repeatable.")
        List<Path> coverage = new ArrayList<>();

        @Option(
                names = "--since",
                description = "manifest.json of the previous bundle: carry only what changed since (a delta); image "
                        + "blobs it carried are not carried again.")
        Path since;

        @Option(
                names = "--images",
                description = "A list of container image references, one a line, # comments (what 'airlock images "
                        + "inventory --format list' prints). Repeatable.")
        List<Path> images = new ArrayList<>();

        @Option(
                names = "--platform",
                split = ",",
                description = "Carry only these platforms of multi-platform images, e.g. linux/amd64,linux/arm64 "
                        + "(the index is rewritten: its digest changes). Default: the spec's images.platforms, else "
                        + "every platform.")
        List<String> platforms = new ArrayList<>();

        @Option(
                names = "--registry-auth",
                description = "A Docker config.json (auths.<host>.auth) with credentials for upstream registries.")
        Path registryAuth;

        @Override
        public Integer call() throws IOException {
            PrivateKey privateKey = Keys.readPrivate(key);
            PublicKey publicKey = publicKey(privateKey);
            BundleSpec s = BundleSpec.read(spec);
            BundleManifest previous = null;
            if (since != null) {
                try {
                    previous = BundleManifest.parse(Files.readAllBytes(since));
                } catch (IOException e) {
                    throw CliException.usage(
                            "--since " + since + " is not a bundle manifest.json: " + e.getMessage(),
                            "Extract it with: tar -xOf previous.tar manifest.json > previous.json");
                }
            }
            String fileName = out.getFileName().toString();
            String name = s.name() != null ? s.name() : fileName.replaceFirst("\\.tar(\\.zst)?$", "");
            Path absolute = out.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            if (!platforms.isEmpty() || !images.isEmpty()) {
                s = withImages(s, spec, images, platforms);
            }
            new BundleCreator(absolute, previous, System.out)
                    .zstd(zstd || fileName.endsWith(".zst"))
                    .auth(registryAuth == null ? RegistryAuth.none() : RegistryAuth.read(registryAuth))
                    .create(
                            name,
                            previous == null ? null : previous.name(),
                            jobs(s, coverage, spec),
                            privateKey,
                            Keys.fingerprint(publicKey));
            return 0;
        }

        /**
         * The JDK cannot derive an Ed25519 public key from the private one, so the fingerprint comes from the
         * public.pem beside it (or --public-key), checked to belong to it with a probe signature.
         */
        private PublicKey publicKey(PrivateKey privateKey) {
            Path file =
                    publicKeyFile != null ? publicKeyFile : key.toAbsolutePath().resolveSibling("public.pem");
            if (!Files.isRegularFile(file)) {
                throw CliException.usage(
                        "no public key found at " + file, "Pass --public-key with the public.pem of this key pair");
            }
            PublicKey pub = Keys.readPublic(file);
            byte[] probe = "airlock key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!Keys.verify(pub, probe, Keys.sign(privateKey, probe))) {
                throw CliException.usage(
                        file + " does not belong to " + key, "Pass --public-key with the public.pem of this key pair");
            }
            return pub;
        }

        static List<Job> jobs(BundleSpec s) {
            return jobs(s, List.of(), null);
        }

        static List<Job> jobs(BundleSpec s, List<Path> coverage) {
            return jobs(s, coverage, null);
        }

        /**
         * The spec with the --images lists (read here, so that their references are named with their file) and
         * --platform (which replaces the spec's images.platforms) folded into its images section.
         */
        static BundleSpec withImages(BundleSpec s, Path specFile, List<Path> lists, List<String> platforms) {
            BundleSpec.Images i = s.images() != null
                    ? s.images()
                    : new BundleSpec.Images(List.of(), List.of(), java.util.Map.of(), List.of());
            List<String> files = new ArrayList<>(i.files());
            for (Path l : lists) {
                files.add(l.toAbsolutePath().toString());
            }
            return new BundleSpec(
                    s.name(),
                    s.trivy(),
                    s.oci(),
                    s.falco(),
                    s.opensearch(),
                    s.files(),
                    new BundleSpec.Images(
                            i.references(), files, i.registries(), platforms.isEmpty() ? i.platforms() : platforms));
        }

        /** What the spec lists, plus what the coverage reports say is needed inside. */
        static List<Job> jobs(BundleSpec s, List<Path> coverage, Path specFile) {
            List<Job> jobs = CoverageInput.add(expand(s, specFile), s, coverage, System.out);
            if (jobs.isEmpty()) {
                throw CliException.usage("the spec lists nothing to carry", "See docs/bundles.md for an example");
            }
            return jobs;
        }

        private static List<Job> expand(BundleSpec s, Path specFile) {
            List<Job> jobs = new ArrayList<>();
            if (s.trivy() != null) {
                String registry = or(s.trivy().registry(), BundleSpec.DEFAULT_TRIVY_REGISTRY);
                for (BundleSpec.Oci o : s.trivy().artifacts()) {
                    String kind = o.kind() != null ? o.kind() : trivyKind(o.repository());
                    for (String tag : o.tags()) {
                        jobs.add(new OciJob(
                                or(o.registry(), registry),
                                require(o.repository(), "trivy.artifacts[].repository"),
                                tag,
                                kind,
                                or(o.destination(), o.repository())));
                    }
                }
            }
            for (BundleSpec.Oci o : s.oci()) {
                for (String tag : o.tags()) {
                    jobs.add(new OciJob(
                            or(o.registry(), BundleSpec.DEFAULT_FALCO_REGISTRY),
                            require(o.repository(), "oci[].repository"),
                            tag,
                            require(o.kind(), "oci[].kind"),
                            or(o.destination(), o.repository())));
                }
            }
            if (s.falco() != null) {
                String falcoRegistry = or(s.falco().registry(), BundleSpec.DEFAULT_FALCO_REGISTRY);
                falcoArtifacts(
                        jobs,
                        falcoRegistry,
                        s.falco().plugins(),
                        BundleSpec.FALCO_PLUGIN_REPOSITORY,
                        ArtifactKind.FALCO_PLUGIN);
                falcoArtifacts(
                        jobs,
                        falcoRegistry,
                        s.falco().rulesfiles(),
                        BundleSpec.FALCO_RULESFILE_REPOSITORY,
                        ArtifactKind.FALCO_RULESFILE);
            }
            if (s.falco() != null) {
                String base = trim(or(s.falco().driversUrl(), BundleSpec.DEFAULT_DRIVERS_URL));
                for (BundleSpec.Driver d : s.falco().drivers()) {
                    String version = require(d.version(), "falco.drivers[].version");
                    String arch = or(d.arch(), "x86_64");
                    for (BundleSpec.Kernel k : d.kernels()) {
                        String ext = "ebpf".equals(k.probe()) ? ".o" : ".ko";
                        String file = or(d.name(), "falco") + "_" + require(k.target(), "kernels[].target") + "_"
                                + require(k.release(), "kernels[].release") + "_"
                                + require(k.version(), "kernels[].version") + ext;
                        String path = version + "/" + arch + "/" + file;
                        jobs.add(new FileJob(
                                base + "/" + io.airlock.cli.remote.Http.encodePath(path),
                                path,
                                ArtifactKind.FALCO_DRIVER.id()));
                    }
                }
            }
            if (s.opensearch() != null) {
                String base = trim(or(s.opensearch().pluginsUrl(), BundleSpec.DEFAULT_OPENSEARCH_URL));
                for (String version : s.opensearch().versions()) {
                    for (String plugin : s.opensearch().plugins()) {
                        String file = plugin + "-" + version + ".zip";
                        jobs.add(new FileJob(
                                base + "/" + plugin + "/" + version + "/" + file,
                                file,
                                ArtifactKind.OPENSEARCH_PLUGIN.id()));
                    }
                }
            }
            for (BundleSpec.File f : s.files()) {
                String path = require(f.path(), "files[].path");
                jobs.add(new FileJob(
                        require(f.url(), "files[].url"),
                        path.startsWith("/") ? path.substring(1) : path,
                        or(f.kind(), ArtifactKind.FILE.id())));
            }
            if (s.images() != null) {
                List<String> refs = new ArrayList<>();
                jobs.addAll(ImageLists.jobs(s.images(), s.images().references(), "images.references"));
                for (String f : s.images().files()) {
                    Path list = Path.of(f);
                    if (!list.isAbsolute() && specFile != null) {
                        list = specFile.toAbsolutePath().resolveSibling(f);
                    }
                    refs.clear();
                    refs.addAll(ImageLists.read(list));
                    jobs.addAll(ImageLists.jobs(s.images(), refs, "image list " + list));
                }
            }
            return jobs;
        }

        private static void falcoArtifacts(
                List<Job> jobs,
                String registry,
                List<BundleSpec.FalcoArtifact> artifacts,
                String prefix,
                ArtifactKind kind) {
            String section = kind == ArtifactKind.FALCO_PLUGIN ? "falco.plugins[]" : "falco.rulesfiles[]";
            for (BundleSpec.FalcoArtifact a : artifacts) {
                String repository = a.repository() != null && !a.repository().isBlank()
                        ? a.repository()
                        : prefix + require(a.name(), section + ".name or " + section + ".repository");
                if (a.tags().isEmpty()) {
                    throw CliException.usage(
                            "the spec names no tags for " + repository + " (" + section + ".tags)",
                            "Add the versions to carry, e.g. tags: [\"0.7.0\"]");
                }
                for (String tag : a.tags()) {
                    jobs.add(new OciJob(
                            or(a.registry(), registry), repository, tag, kind.id(), or(a.destination(), repository)));
                }
            }
        }

        private static String trivyKind(String repository) {
            String r = require(repository, "trivy.artifacts[].repository");
            if (r.endsWith(ArtifactKind.TRIVY_JAVA_DB.id())) {
                return ArtifactKind.TRIVY_JAVA_DB.id();
            }
            if (r.endsWith(ArtifactKind.TRIVY_CHECKS.id())) {
                return ArtifactKind.TRIVY_CHECKS.id();
            }
            return ArtifactKind.TRIVY_DB.id();
        }

        private static String or(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }

        private static String trim(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        private static String require(String value, String what) {
            if (value == null || value.isBlank()) {
                throw CliException.usage("the spec misses " + what, "See docs/bundles.md for the format");
            }
            return value;
        }
    }

    @Command(
            name = "verify",
            description = "Check the signature and every item's digest and size in one streaming pass; change nothing.")
    public static final class Verify implements Callable<Integer> {
        @Option(names = "--bundle", required = true)
        Path bundle;

        @Option(names = "--key", required = true, description = "The trusted public.pem.")
        Path key;

        @Override
        public Integer call() {
            BundleManifest m = BundleReader.verify(bundle, Keys.readPublic(key));
            long total = m.items().stream().mapToLong(BundleManifest.Item::size).sum();
            for (BundleManifest.Item i : m.items()) {
                System.out.printf("ok  %-17s %s (%s)%n", i.kind(), i.label(), Progress.bytes(i.size()));
            }
            System.out.println("verified " + bundle.getFileName() + " (" + m.name() + "): "
                    + m.items().size()
                    + " items, " + Progress.bytes(total) + ", signed by " + m.signingKey()
                    + (m.since() != null ? ", delta since " + m.since() : ""));
            return 0;
        }
    }

    @Command(
            name = "import",
            description = "Verify the whole bundle, then push each item to the services (idempotent, resumable).")
    public static final class Import implements Callable<Integer> {
        @Option(names = "--bundle", required = true)
        Path bundle;

        @Option(names = "--key", required = true, description = "The trusted public.pem.")
        Path key;

        @Option(
                names = "--fileserver",
                defaultValue = "${env:AIRLOCK_FILESERVER_URL}",
                description = "File server base URL, e.g. http://127.0.0.1:8080 (default: $AIRLOCK_FILESERVER_URL).")
        String fileserver;

        @Option(
                names = "--registry",
                defaultValue = "${env:AIRLOCK_REGISTRY_URL}",
                description =
                        "Registry for Trivy artifacts, e.g. http://127.0.0.1:8082 (default: $AIRLOCK_REGISTRY_URL).")
        String registry;

        @Option(
                names = {"--falco-index-url", "--falco-index"},
                defaultValue = "${env:AIRLOCK_FALCO_INDEX_URL}",
                description = "falco-index-service base URL, e.g. http://127.0.0.1:8081 (default: "
                        + "$AIRLOCK_FALCO_INDEX_URL): Falco drivers go through its validating driver API, Falco "
                        + "plugins and rulesfiles to its /v2 registry.")
        String falcoIndex;

        @Option(
                names = "--falco-registry",
                description = "Registry for Falco OCI artifacts (default: --falco-index-url, else --registry).")
        String falcoRegistry;

        @Option(
                names = "--catalog",
                defaultValue = "${env:AIRLOCK_CATALOG_URL}",
                description = "Catalog base URL: records each version and its bundle (default: $AIRLOCK_CATALOG_URL).")
        String catalog;

        @Option(
                names = "--image-registry",
                defaultValue = "${env:AIRLOCK_IMAGE_REGISTRY}",
                description = "Where container images go when not to --registry: HOST[/PREFIX] or a URL with a "
                        + "path, e.g. https://harbor.internal/mirror; images land at <PREFIX>/<upstream path> there "
                        + "(see docs/bundles.md). Default: --registry, under <upstream host>/<path>.")
        String imageRegistry;

        @Option(names = "--user", defaultValue = "${env:AIRLOCK_ADMIN_USER:-admin}")
        String user;

        @Option(names = "--password", defaultValue = "${env:AIRLOCK_ADMIN_PASSWORD}")
        String password;

        @Option(names = "--dry-run", description = "Show what would be added, replaced or is already present.")
        boolean dryRun;

        @Option(names = "--halt-after-bytes", hidden = true, defaultValue = "-1")
        long haltAfterBytes;

        @Override
        public Integer call() throws IOException {
            PublicKey publicKey = Keys.readPublic(key);
            if (password == null && !dryRun) {
                throw CliException.usage("no password for " + user, "Pass --password or set AIRLOCK_ADMIN_PASSWORD");
            }
            Progress.haltAfterBytes = haltAfterBytes;
            String user = password == null ? null : this.user; // a dry run without a password asks anonymously
            String falcoOci = falcoRegistry != null ? falcoRegistry : falcoIndex;
            BundleImporter importer = new BundleImporter(
                    fileserver == null ? null : new FileServerClient(fileserver, user, password),
                    registry == null ? null : new OciClient(registry, user, password),
                    falcoOci == null ? null : new OciClient(falcoOci, user, password),
                    catalog == null ? null : new CatalogClient(catalog, user, password),
                    falcoIndex == null ? null : new FalcoIndexClient(falcoIndex, user, password),
                    System.out);
            if (imageRegistry != null && !imageRegistry.isBlank()) {
                ImageTarget target = ImageTarget.parse(imageRegistry);
                importer.imageTarget(new OciClient(target.url(), user, password), target.prefix());
            }
            importer.run(bundle, publicKey, dryRun);
            return 0;
        }
    }
}
