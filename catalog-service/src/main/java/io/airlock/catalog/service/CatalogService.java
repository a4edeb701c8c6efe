package io.airlock.catalog.service;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.ArtifactVersion;
import io.airlock.catalog.domain.CatalogException;
import io.airlock.catalog.domain.Digest;
import io.airlock.catalog.domain.Kinds;
import io.airlock.catalog.domain.VersionSource;
import io.airlock.catalog.model.ArtifactDetail;
import io.airlock.catalog.model.ArtifactView;
import io.airlock.catalog.model.PageView;
import io.airlock.catalog.model.RegisterVersionRequest;
import io.airlock.catalog.model.RegisteredVersion;
import io.airlock.catalog.model.UpstreamRequest;
import io.airlock.catalog.model.VersionView;
import io.airlock.problem.CommonError;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Artifacts and their versions: the rules for registering (validation before any write, idempotent by digest, safe
 * against concurrent registrations of the same artifact) and for searching.
 */
@ApplicationScoped
public class CatalogService {
    static final int MAX_PAGE_SIZE = 500;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(;.*)?");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9._-]{1,32}/[a-z0-9._-]{1,32}(/[a-z0-9._-]{1,32})?");
    private static final int MAX_PLATFORMS = 32;

    @Inject
    EntityManager em;

    @Inject
    PolicyService policies;

    Clock clock = Clock.systemUTC();

    /** Validates everything first, then writes in one transaction: a refused request leaves nothing behind. */
    @Transactional
    public RegisteredVersion register(RegisterVersionRequest request, VersionSource source) {
        if (request == null) {
            throw CatalogException.badRequest("a JSON body describing the version is required");
        }
        ArtifactKind kind = Kinds.of(Validate.required(request.kind(), "kind", 32));
        String name = Validate.required(request.name(), "name", 1024);
        Digest digest = new Digest(request.digest());
        if (request.size() == null) {
            throw CatalogException.badRequest("size is required");
        }
        if (request.size() < 0) {
            throw CatalogException.badRequest("size must not be negative, got " + request.size());
        }
        String location = Validate.required(request.location(), "location", 2048);
        String version = Validate.optional(request.version(), "version", 256);
        String mediaType = Validate.optional(request.mediaType(), "mediaType", 255);
        if (mediaType != null && !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw CatalogException.badRequest("mediaType '" + mediaType + "' is not a media type (type/subtype)");
        }
        String upstreamSource = Validate.optional(request.upstreamSource(), "upstreamSource", 2048);
        String bundle = Validate.optional(request.bundle(), "bundle", 255);
        String platforms = platforms(request.platforms());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant importedAt = request.importedAt() != null ? request.importedAt() : now;
        Validate.optional(request.importedAt(), "importedAt");
        Validate.optional(request.upstreamBuiltAt(), "upstreamBuiltAt");
        Validate.optional(request.validUntil(), "validUntil");

        Artifact artifact = findOrCreate(kind, name, now);
        int inserted = em.createNativeQuery(
                        "insert into artifact_version (artifact_id, version, digest, size_bytes, media_type, location,"
                                + " upstream_source, source, imported_at, upstream_built_at, valid_until, bundle,"
                                + " platforms)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                                + " on conflict (artifact_id, digest) do nothing")
                .setParameter(1, artifact.id)
                .setParameter(2, version)
                .setParameter(3, digest.value())
                .setParameter(4, request.size())
                .setParameter(5, mediaType)
                .setParameter(6, location)
                .setParameter(7, upstreamSource)
                .setParameter(8, source.id())
                .setParameter(9, importedAt)
                .setParameter(10, request.upstreamBuiltAt())
                .setParameter(11, request.validUntil())
                .setParameter(12, bundle)
                .setParameter(13, platforms)
                .executeUpdate();
        ArtifactVersion v = ArtifactVersion.findByDigest(artifact, digest.value())
                .orElseThrow(() -> new IllegalStateException("version vanished after insert"));
        if (inserted == 0) {
            if (v.size != request.size()) {
                throw new CatalogException(
                        CommonError.CONFLICT,
                        "digest " + digest + " is registered with size " + v.size + ", not " + request.size());
            }
            // Known content: fill in what the earlier registration did not know (a reconciliation knows little).
            if (v.version == null) v.version = version;
            if (v.mediaType == null) v.mediaType = mediaType;
            if (v.upstreamSource == null) v.upstreamSource = upstreamSource;
            if (v.bundle == null) v.bundle = bundle;
            if (v.platforms == null) v.platforms = platforms;
            if (v.upstreamBuiltAt == null) v.upstreamBuiltAt = request.upstreamBuiltAt();
            if (v.validUntil == null) v.validUntil = request.validUntil();
        }
        return new RegisteredVersion(Views.of(v), inserted == 1);
    }

    /**
     * A container image's platforms as stored: distinct {@code os/arch[/variant]} values in the order given,
     * comma-joined; null when none.
     */
    static String platforms(List<String> platforms) {
        if (platforms == null || platforms.isEmpty()) {
            return null;
        }
        if (platforms.size() > MAX_PLATFORMS) {
            throw CatalogException.badRequest("more than " + MAX_PLATFORMS + " platforms");
        }
        List<String> distinct = new ArrayList<>();
        for (String p : platforms) {
            if (p == null || !PLATFORM.matcher(p).matches()) {
                throw CatalogException.badRequest(
                        "platform '" + (p == null ? "null" : p.length() > 64 ? p.substring(0, 64) + "..." : p)
                                + "' is not os/arch[/variant]" + " (e.g. linux/amd64, linux/arm64/v8)");
            }
            if (!distinct.contains(p)) {
                distinct.add(p);
            }
        }
        return String.join(",", distinct);
    }

    private Artifact findOrCreate(ArtifactKind kind, String name, Instant now) {
        em.createNativeQuery("insert into artifact (kind, name, created_at) values (?1, ?2, ?3)"
                        + " on conflict (kind, name) do nothing")
                .setParameter(1, kind.id())
                .setParameter(2, name)
                .setParameter(3, now)
                .executeUpdate();
        return Artifact.findByKindAndName(kind, name).orElseThrow(() -> new IllegalStateException("artifact vanished"));
    }

    @Transactional
    public PageView<ArtifactView> list(String kind, String query, int page, int size) {
        checkPage(page, size);
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (kind != null && !kind.isBlank()) {
            params.add(Kinds.of(kind));
            where.append(" and kind = ?").append(params.size());
        }
        query = Validate.optional(query, "q", 1024); // a NUL would reach PostgreSQL as a 500
        if (query != null && !query.isBlank()) {
            params.add("%" + query.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" and lower(name) like ?").append(params.size());
        }
        var q = Artifact.find(where + " order by kind, name", params.toArray());
        long total = q.count();
        List<ArtifactView> items = q.page(Page.of(page, size)).<Artifact>list().stream()
                .map(Views::of)
                .toList();
        return new PageView<>(items, total, page, size);
    }

    @Transactional
    public ArtifactDetail get(long id) {
        Artifact a = require(id);
        List<VersionView> versions =
                ArtifactVersion.ofArtifact(a).stream().map(Views::of).toList();
        return new ArtifactDetail(Views.of(a), versions, policies.view(a));
    }

    /** Versions across artifacts, newest first, filtered by kind, artifact name (exact) and digest. */
    @Transactional
    public PageView<VersionView> versions(String kind, String name, String digest, int page, int size) {
        return versions(kind, name, digest, null, page, size);
    }

    /** As above, optionally only the versions that the named bundle brought. */
    @Transactional
    public PageView<VersionView> versions(String kind, String name, String digest, String bundle, int page, int size) {
        checkPage(page, size);
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (kind != null && !kind.isBlank()) {
            params.add(Kinds.of(kind));
            where.append(" and artifact.kind = ?").append(params.size());
        }
        name = Validate.optional(name, "name", 1024); // a NUL would reach PostgreSQL as a 500
        if (name != null && !name.isBlank()) {
            params.add(name);
            where.append(" and artifact.name = ?").append(params.size());
        }
        if (digest != null && !digest.isBlank()) {
            params.add(new Digest(digest).value());
            where.append(" and digest = ?").append(params.size());
        }
        bundle = Validate.optional(bundle, "bundle", 255);
        if (bundle != null && !bundle.isBlank()) {
            params.add(bundle.strip());
            where.append(" and bundle = ?").append(params.size());
        }
        var q = ArtifactVersion.find(where + " order by importedAt desc, id desc", params.toArray());
        long total = q.count();
        List<VersionView> items = q.page(Page.of(page, size)).<ArtifactVersion>list().stream()
                .map(Views::of)
                .toList();
        return new PageView<>(items, total, page, size);
    }

    @Transactional
    public ArtifactView setUpstream(long id, UpstreamRequest request) {
        if (request == null || request.latestBuiltAt() == null) {
            throw CatalogException.badRequest("latestBuiltAt is required (RFC 3339 time upstream last built it)");
        }
        Validate.optional(request.latestBuiltAt(), "latestBuiltAt");
        Artifact a = require(id);
        a.upstreamLatestBuiltAt = request.latestBuiltAt();
        a.upstreamCheckedAt = clock.instant();
        return Views.of(a);
    }

    static Artifact require(long id) {
        Artifact a = Artifact.findById(id);
        if (a == null) {
            throw CatalogException.notFound("no artifact with id " + id);
        }
        return a;
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw CatalogException.badRequest("page must not be negative");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw CatalogException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
