package io.airlock.catalog.service;

import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.ArtifactVersion;
import io.airlock.catalog.model.FreshnessReport;
import io.airlock.catalog.model.FreshnessStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Freshness of every artifact's newest version under the policy that applies to it. */
@ApplicationScoped
public class FreshnessService {
    @Inject
    PolicyService policies;

    Clock clock = Clock.systemUTC();

    @Transactional
    public FreshnessReport report() {
        Instant now = clock.instant();
        List<FreshnessStatus> statuses = new ArrayList<>();
        PolicyService.Policies all = policies.all();
        // Three queries whatever the number of artifacts: this runs on every evaluation.
        for (ArtifactVersion newest : ArtifactVersion.newestOfEach()) {
            Artifact a = newest.artifact;
            statuses.add(FreshnessRules.evaluate(a, newest, all.effective(a), now));
        }
        statuses.sort(Comparator.comparing(FreshnessStatus::stale)
                .reversed()
                .thenComparing(s -> s.kind().id())
                .thenComparing(FreshnessStatus::artifact));
        int stale = (int) statuses.stream().filter(FreshnessStatus::stale).count();
        return new FreshnessReport(now, stale, statuses);
    }
}
