package io.airlock.trivydb.api;

import io.airlock.trivydb.auth.RegistryAccess;
import io.airlock.trivydb.trivy.TrivyDbFacts;
import io.airlock.trivydb.trivy.TrivyStatusStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/trivy/status}: what is hosted per Trivy repository and how fresh it is. */
@Path("/api/v1/trivy/status")
public class TrivyStatusResource {

    @Inject
    TrivyStatusStore statuses;

    @Inject
    RegistryAccess access;

    @Inject
    Clock clock;

    /**
     * One repository's state.
     *
     * @param facts what was recorded at its last push
     * @param ageSeconds now minus UpdatedAt (or minus the push for bundles without metadata)
     * @param stale whether NextUpdate has passed: clients then re-download on every scan
     */
    public record RepositoryStatus(TrivyDbFacts facts, long ageSeconds, boolean stale) {}

    /** The status document. */
    public record Status(Instant now, List<RepositoryStatus> repositories) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() throws IOException {
        access.requireRead();
        Instant now = clock.instant();
        return new Status(
                now,
                statuses.all().stream()
                        .map(f -> new RepositoryStatus(
                                f,
                                now.getEpochSecond() - f.freshAsOf().getEpochSecond(),
                                f.nextUpdate() != null && f.nextUpdate().isBefore(now)))
                        .toList());
    }
}
