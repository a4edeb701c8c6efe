package io.airlock.catalog.service;

import io.airlock.catalog.client.ArtifactKind;
import io.airlock.catalog.data.PodImage;
import io.airlock.catalog.domain.CatalogError;
import io.airlock.catalog.domain.CatalogException;
import io.airlock.catalog.model.CoverageGap;
import io.airlock.catalog.model.PodImagesView;
import io.airlock.catalog.model.PodImagesView.ImageInUse;
import io.airlock.catalog.model.PodImagesView.PodRef;
import io.airlock.images.ImageReference;
import io.airlock.images.inventory.ImageInventory;
import io.airlock.images.inventory.ImageUse;
import io.airlock.images.inventory.Inventory;
import io.airlock.images.inventory.InventoryImage;
import io.airlock.images.inventory.UnreadableInputException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * The images the clusters' pods use ({@code kubectl get pods -A -o json}, declared with {@code PUT
 * /api/v1/coverage/pods}, optionally per named cluster, e.g. Welkin's service and workload clusters) against the {@code container-image} versions the catalog holds. An image is hosted when a
 * version of its repository has the digest the pod reported running; without a running digest, when its repository
 * and tag are registered ({@code <repository>:<tag>}, the name an import registers).
 */
@ApplicationScoped
public class ImageCoverage {
    private static final int BATCH = 500;
    private static final java.util.regex.Pattern CLUSTER =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /**
     * Reads the whole body first, one pod at a time, then replaces the previous declaration of the same cluster
     * ({@code ""}: the declaration that named none) in one transaction: an unreadable body changes nothing. Containers whose image is not a reference (Kubernetes runs such pods into
     * {@code InvalidImageName}) are answered as problems and not stored.
     */
    public PodImagesView declare(String clusterName, InputStream body) {
        String cluster = clusterName == null ? "" : clusterName.strip();
        if (!cluster.isEmpty() && !CLUSTER.matcher(cluster).matches()) {
            throw new CatalogException(
                    CatalogError.INVALID_PODS,
                    "cluster '" + (cluster.length() > 63 ? cluster.substring(0, 63) + "..." : cluster)
                            + "' is not a name (lowercase letters, digits and '-', at most 63)");
        }
        Inventory inventory;
        try {
            inventory = new ImageInventory().readPods("body", body).result();
        } catch (UnreadableInputException e) {
            throw new CatalogException(CatalogError.INVALID_PODS, e.getMessage());
        } catch (IOException e) {
            throw new CatalogException(CatalogError.INVALID_PODS, "the body could not be read: " + e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, PodImage> rows = new LinkedHashMap<>();
        for (InventoryImage image : inventory.images()) {
            for (ImageUse use : image.uses()) {
                String namespace = use.namespace() == null ? "" : use.namespace();
                String pod = use.pod() == null ? "" : use.pod();
                String container = use.container() == null ? "" : use.container();
                if (namespace.length() > 253 || pod.length() > 253 || container.length() > 253) {
                    throw new CatalogException(
                            CatalogError.INVALID_PODS, use.location() + ": a name is longer than 253 characters");
                }
                rows.put(
                        namespace + "/" + pod + "/" + container,
                        new PodImage(
                                cluster,
                                namespace,
                                pod,
                                container,
                                use.image(),
                                image.reference().toString(),
                                now));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> replace(cluster, rows.values()));
        PodImagesView stored = pods();
        return new PodImagesView(stored.declaredAt(), stored.pods(), stored.images(), inventory.problems());
    }

    private void replace(String cluster, java.util.Collection<PodImage> rows) {
        em.createNativeQuery("delete from pod_image where cluster = ?1")
                .setParameter(1, cluster)
                .executeUpdate();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into pod_image (cluster, namespace, pod, container, image, reference, declared_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (PodImage r : rows) {
                    insert.setString(1, r.cluster());
                    insert.setString(2, r.namespace());
                    insert.setString(3, r.pod());
                    insert.setString(4, r.container());
                    insert.setString(5, r.image());
                    insert.setString(6, r.reference());
                    insert.setTimestamp(7, Timestamp.from(r.declaredAt()));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        });
    }

    /** The declared pods' images, each with whether it is hosted and every container that uses it. */
    public PodImagesView pods() {
        return QuarkusTransaction.joiningExisting().call(() -> view(Integer.MAX_VALUE));
    }

    /**
     * One {@code container-image} gap per image in use that is not hosted ({@code missing} is what to carry: pinned to
     * the running digest when the pods reported one), and the images behind them with at most
     * {@value ImageInUse#REPORT_PODS} pods each.
     */
    public Missing missing() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<ImageInUse> missing = view(ImageInUse.REPORT_PODS).images().stream()
                    .filter(i -> !i.hosted())
                    .toList();
            List<CoverageGap> gaps = missing.stream()
                    .map(i -> new CoverageGap(CoverageGap.CONTAINER_IMAGE, i.image(), i.reference(), 0, message(i)))
                    .toList();
            return new Missing(gaps, missing);
        });
    }

    /** Image gaps and the images behind them. */
    public record Missing(List<CoverageGap> gaps, List<ImageInUse> images) {}

    private static String message(ImageInUse i) {
        String by = i.reference().contains("@")
                ? "digest " + i.reference().substring(i.reference().indexOf('@') + 1)
                : "tag";
        StringBuilder pods = new StringBuilder();
        for (PodRef p : i.pods().subList(0, Math.min(3, i.pods().size()))) {
            pods.append(pods.length() == 0 ? "" : ", ")
                    .append(p.namespace())
                    .append('/')
                    .append(p.pod());
        }
        if (i.podCount() > 3) {
            pods.append(", ...");
        }
        return i.image() + " is used by " + i.podCount() + (i.podCount() == 1 ? " container" : " containers") + " ("
                + pods + ") but not hosted (by " + by + ")";
    }

    @SuppressWarnings("unchecked")
    private PodImagesView view(int podsPerImage) {
        List<Object[]> rows = em.createNativeQuery(
                        "select namespace, pod, container, image, reference, declared_at, cluster from pod_image"
                                + " order by reference, cluster, namespace, pod, container")
                .getResultList();
        Hosted hosted = hosted();
        Map<String, List<Object[]>> byReference = new TreeMap<>();
        Set<String> pods = new HashSet<>();
        Instant declaredAt = null;
        for (Object[] r : rows) {
            byReference.computeIfAbsent((String) r[4], k -> new ArrayList<>()).add(r);
            pods.add(r[6] + "/" + r[0] + "/" + r[1]);
            Instant at = instant(r[5]);
            if (declaredAt == null || at.isAfter(declaredAt)) {
                declaredAt = at;
            }
        }
        List<ImageInUse> images = new ArrayList<>();
        byReference.forEach((reference, uses) -> {
            ImageReference ref = ImageReference.parse(reference);
            List<PodRef> refs = uses.stream()
                    .limit(podsPerImage)
                    .map(u -> new PodRef(
                            ((String) u[6]).isEmpty() ? null : (String) u[6], (String) u[0], (String) u[1], (String)
                                    u[2]))
                    .toList();
            images.add(new ImageInUse(
                    (String) uses.get(0)[3],
                    reference,
                    ref.registry(),
                    ref.mirrorRepository(),
                    hosted.holds(ref),
                    uses.size(),
                    refs));
        });
        return new PodImagesView(declaredAt, pods.size(), images, List.of());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /** The registered images: {@code repository:tag} names, and {@code repository@digest} of every version. */
    private Hosted hosted() {
        Set<String> tags = new HashSet<>();
        Set<String> digests = new HashSet<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement q = connection.prepareStatement(
                    "select a.name, v.digest from artifact a join artifact_version v on v.artifact_id = a.id"
                            + " where a.kind = ?")) {
                q.setString(1, ArtifactKind.CONTAINER_IMAGE.id());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        String repository = repositoryOf(name);
                        if (!name.contains("@")) {
                            tags.add(name);
                        }
                        digests.add(repository + "@" + rs.getString(2));
                    }
                }
            }
        });
        return new Hosted(tags, digests);
    }

    /** {@code docker.io/library/nginx} of {@code docker.io/library/nginx:1.25} or {@code ...@sha256:...}. */
    static String repositoryOf(String name) {
        int at = name.indexOf('@');
        if (at >= 0) {
            return name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    private record Hosted(Set<String> tags, Set<String> digests) {
        boolean holds(ImageReference ref) {
            String repository = ref.mirrorRepository();
            if (ref.digest() != null) {
                return digests.contains(repository + "@" + ref.digest());
            }
            return tags.contains(repository + ":" + ref.tag());
        }
    }
}
