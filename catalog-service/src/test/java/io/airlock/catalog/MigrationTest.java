package io.airlock.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.testkit.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(AlertReceiverResource.class)
class MigrationTest {
    @Inject
    Flyway flyway;

    @Inject
    DataSource dataSource;

    @Test
    void schemaIsMigratedAndSeededWithDefaultPolicies() throws Exception {
        assertEquals(0, flyway.info().pending().length, "no pending migrations");
        assertTrue(flyway.info().current().getVersion().getVersion().compareTo("1") >= 0);
        assertEquals(0, flyway.validateWithResult().invalidMigrations.size());
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "select max_age_seconds, basis from freshness_policy where kind = 'trivy-db' and artifact_id is null")) {
            assertTrue(r.next());
            assertEquals(86400, r.getLong(1));
            assertEquals("after-valid-until", r.getString(2));
        }
        // The database itself refuses what the API refuses, as a second line of defence.
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into artifact (kind, name, created_at) values ('file', 'migration-test', now())");
            org.junit.jupiter.api.Assertions.assertThrows(
                    java.sql.SQLException.class,
                    () -> s.execute("insert into artifact_version (artifact_id, digest, size_bytes, location, source,"
                            + " imported_at) select id, 'sha256:nothex', 1, 'x', 'api', now() from artifact"
                            + " where name = 'migration-test'"));
        }
    }
}
