package io.airlock.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: a real PostgreSQL for the service under test, which gets its datasource pointed at it
 * ({@code quarkus.datasource.*}). Tests that need to reach the server (to stop and restart it, say) get it through
 * {@link #server()}.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private static volatile EmbeddedPostgresServer current;

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.create().start();
        current = server;
        return Map.of(
                "quarkus.datasource.db-kind",
                "postgresql",
                "quarkus.datasource.jdbc.url",
                server.jdbcUrl(),
                "quarkus.datasource.username",
                EmbeddedPostgresServer.USER,
                "quarkus.datasource.password",
                EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.stop();
        }
    }

    /** The server started for the running test class. */
    public static EmbeddedPostgresServer server() {
        return current;
    }
}
