package io.airlock.catalog.config;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * The one-machine default: when no {@code quarkus.datasource.jdbc.url} is configured, starts a real PostgreSQL with
 * its data under {@code airlock.catalog.embedded-database.dir} and contributes the datasource URL, user and password as
 * a low-ordinal config source. Config sources exist before Agroal, Hibernate and Flyway read the datasource, which is
 * why this lives here and not in a CDI startup observer (see docs/adr/0020-catalog-embedded-postgres.md).
 *
 * <p>Runs only at runtime init (never during the build), once per JVM; the server stops with the JVM.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseConfigSourceFactory.class);
    static final int ORDINAL = 245; // just below application.properties (250): anything configured wins
    /** Set by Quarkus on the JVM it runs at package time to record the class-data-sharing archive (docs/adr/0070). */
    static final String APPCDS_GENERATION = "quarkus.appcds.generate";

    private static EmbeddedPostgres running;
    private static Path runningDir;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT && running == null) {
            return List.of();
        }
        if (Boolean.getBoolean(APPCDS_GENERATION)) { // the package step's archive run: it must not start a database
            return List.of();
        }
        if (isSet(context.getValue("quarkus.datasource.jdbc.url"))
                || "false".equalsIgnoreCase(value(context.getValue("airlock.catalog.embedded-database.enabled")))) {
            return List.of();
        }
        Path dir = Path.of(dataDir(context));
        EmbeddedPostgres postgres = start(dir);
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        return List.of(new PropertiesConfigSource(
                Map.of(
                        "quarkus.datasource.jdbc.url", url,
                        "quarkus.datasource.username", "postgres",
                        "quarkus.datasource.password", "postgres"),
                "airlock-embedded-postgresql",
                ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static String dataDir(ConfigSourceContext context) {
        String configured = value(context.getValue("airlock.catalog.embedded-database.dir"));
        if (configured != null && !configured.contains("${")) {
            return configured;
        }
        String dataDir = value(context.getValue("airlock.data-dir"));
        return (dataDir == null ? "./data" : dataDir) + "/catalog-db";
    }

    private static synchronized EmbeddedPostgres start(Path dir) {
        if (running != null) {
            if (!dir.toAbsolutePath().equals(runningDir)) {
                LOG.warnf("embedded PostgreSQL already runs on %s; ignoring %s", runningDir, dir);
            }
            return running;
        }
        try {
            Path absolute = Files.createDirectories(dir).toAbsolutePath();
            long t0 = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(absolute)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            running = postgres;
            runningDir = absolute;
            LOG.infof(
                    "embedded PostgreSQL started on 127.0.0.1:%d with data in %s (%d ms); set quarkus.datasource.jdbc.url"
                            + " (QUARKUS_DATASOURCE_JDBC_URL) to use a PostgreSQL server instead",
                    postgres.getPort(), absolute, (System.nanoTime() - t0) / 1_000_000);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static boolean isSet(ConfigValue v) {
        String s = value(v);
        return s != null && !s.isBlank();
    }

    private static String value(ConfigValue v) {
        return v == null ? null : v.getValue();
    }
}
