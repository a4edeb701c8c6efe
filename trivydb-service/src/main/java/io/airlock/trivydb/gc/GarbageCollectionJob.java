package io.airlock.trivydb.gc;

import io.airlock.oci.GarbageCollector;
import io.airlock.trivydb.config.TrivyDbConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the registry's garbage collection on a schedule ({@code airlock.trivydb.gc.*}). Safe on several replicas at
 * once: the collector never deletes what a push in flight needs (see {@link GarbageCollector}).
 */
@ApplicationScoped
public class GarbageCollectionJob {
    private static final Logger LOG = Logger.getLogger(GarbageCollectionJob.class);

    private final GarbageCollector collector;
    private final TrivyDbConfig config;

    public GarbageCollectionJob(GarbageCollector collector, TrivyDbConfig config) {
        this.collector = collector;
        this.config = config;
    }

    @Scheduled(
            every = "${airlock.trivydb.gc.interval:1h}",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.gc().enabled()) {
            run();
        }
    }

    /** One collection now; returns what it removed. */
    public GarbageCollector.Report run() {
        try {
            GarbageCollector.Report report =
                    collector.collect(config.gc().grace(), config.gc().uploadMaxAge());
            if (report.blobsDeleted() + report.uploadsDeleted() > 0) {
                LOG.infof(
                        "garbage collection: %d blobs (%d bytes), %d links, %d abandoned uploads removed",
                        report.blobsDeleted(), report.bytesFreed(), report.linksDeleted(), report.uploadsDeleted());
            }
            return report;
        } catch (Exception e) {
            LOG.warnf("garbage collection failed, nothing more deleted: %s", e.getMessage());
            return new GarbageCollector.Report(0, 0, 0, 0);
        }
    }
}
