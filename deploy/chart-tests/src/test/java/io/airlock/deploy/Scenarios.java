package io.airlock.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value sets every rendered-manifest test runs against, each rendered once per test run: the chart's defaults, an
 * installation with every service on and every Secret created by the chart, the production example and the Welkin
 * example from deploy/examples.
 */
final class Scenarios {
    private static final Map<String, Chart.Rendered> RENDERED = new ConcurrentHashMap<>();

    private Scenarios() {}

    static List<String> names() {
        return List.of("default", "all-services-chart-secrets", "production", "welkin");
    }

    /** Which services each scenario must run. */
    static List<String> expectedComponents(String scenario) {
        return scenario.equals("default")
                ? List.of("fileserver")
                : List.of("fileserver", "falco-index", "trivydb", "catalog");
    }

    static Chart.Rendered get(String scenario) {
        return RENDERED.computeIfAbsent(scenario, Scenarios::render);
    }

    private static Chart.Rendered render(String scenario) {
        return switch (scenario) {
            case "default" -> Chart.render(scenario, Optional.empty(), Map.of());
            case "all-services-chart-secrets" -> Chart.render(scenario, Optional.empty(), allServicesSets());
            case "production" -> Chart.render(
                    scenario, Optional.of(Chart.deployDir().resolve("examples/production-values.yaml")), Map.of());
            case "welkin" -> Chart.render(
                    scenario, Optional.of(Chart.deployDir().resolve("examples/welkin-values.yaml")), Map.of());
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    /** Every service, the chart creating every Secret, Ingress and HPA on. */
    static Map<String, Object> allServicesSets() {
        Map<String, Object> sets = new LinkedHashMap<>();
        sets.put("falcoIndex.enabled", true);
        sets.put("trivydb.enabled", true);
        sets.put("catalog.enabled", true);
        sets.put("trivydb.autoscaling.enabled", true);
        sets.put("storage.credentials.existingSecret", "");
        sets.put("storage.credentials.accessKey", "airlock");
        sets.put("storage.credentials.secretKey", "airlock-secret-key");
        sets.put("auth.existingSecret", "");
        sets.put("auth.passwordHash", "pbkdf2-sha256:210000:c2FsdA:aGFzaA");
        sets.put("trivydb.tokenSigningKey.value", "0123456789abcdef0123456789abcdef");
        sets.put("postgresql.jdbcUrl", "jdbc:postgresql://postgres.db.svc:5432/airlock");
        sets.put("postgresql.username", "airlock");
        sets.put("postgresql.password", "db-password");
        sets.put("networkPolicy.egress.postgresql.to[0].ipBlock.cidr", "10.30.0.10/32");
        sets.put("alertmanager.urls[0]", "http://alertmanager.monitoring.svc:9093");
        sets.put("networkPolicy.ingress.fromNamespaces[0]", "falco");
        sets.put("ingress.enabled", true);
        sets.put("ingress.catalogHost", "catalog.air-gapped.internal");
        sets.put("catalog.welkin.fileserverIps[0]", "10.20.0.5");
        sets.put("catalog.welkin.fileserverIps[1]", "10.20.0.6/32");
        sets.put("catalog.welkin.serviceClusters[0]", "sc-prod");
        return sets;
    }
}
