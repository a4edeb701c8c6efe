package io.airlock.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The four services as the chart must run them: the component name the chart gives their objects, their Maven
 * module, and their HTTP port as the service itself configures it ({@code quarkus.http.port} in its
 * application.properties, so a port changed in a service and not in the chart fails here).
 */
record Services(String component, String module, String valuesKey, int defaultPort) {
    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final String METRICS = "/q/metrics";

    static final List<Services> ALL = List.of(
            new Services("fileserver", "fileserver-service", "fileserver", 8080),
            new Services("falco-index", "falco-index-service", "falcoIndex", 8081),
            new Services("trivydb", "trivydb-service", "trivydb", 8082),
            new Services("catalog", "catalog-service", "catalog", 8083));

    static Services byComponent(String component) {
        return ALL.stream()
                .filter(s -> s.component.equals(component))
                .findFirst()
                .orElseThrow(() -> new AssertionError("unknown component " + component));
    }

    /** Name of this service's Deployment, Service, PDB and NetworkPolicy in the test release. */
    String objectName() {
        return Chart.RELEASE + "-" + component;
    }

    /** The service's own application.properties, when its module exists in this checkout. */
    Properties applicationProperties() {
        Path file = Chart.repoDir().resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /** The port the service listens on by its own configuration (the documented default when the module is absent). */
    int port() {
        String port = applicationProperties().getProperty("quarkus.http.port");
        return port == null ? defaultPort : Integer.parseInt(port.trim());
    }
}
