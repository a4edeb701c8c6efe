package io.airlock.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One page per problem: the chart's alert names never equal an alert name the catalog pushes to Alertmanager itself,
 * and the chart's metric-based copies of the catalog's alerts are rendered only when the catalog pushes nowhere.
 */
class AlertNamesTest {
    static final String FROM_METRICS_GROUP = "airlock-freshness-from-metrics";
    private static final Pattern ALERT_LITERAL = Pattern.compile("\"(Airlock[A-Z][A-Za-z0-9]+)\"");

    static List<String> scenarios() {
        return Scenarios.names();
    }

    /** Every "Airlock..." string literal in the catalog's sources: the names it can give the alerts it pushes. */
    static Set<String> catalogAlertNames() {
        Path sources = Chart.repoDir().resolve("catalog-service/src/main/java");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = ALERT_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static Set<String> alerts(PrometheusRule rule) {
        return rule.getSpec().getGroups().stream()
                .flatMap(g -> g.getRules().stream())
                .map(Rule::getAlert)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theChartsRulesFileSharesNoNameWithTheCatalogsAlerts() throws IOException {
        Set<String> pushed = catalogAlertNames();
        assertTrue(pushed.contains("AirlockArtifactStale"), "the catalog's alert names were not found: " + pushed);
        assertTrue(pushed.contains("AirlockImageMissing"), "the catalog's alert names were not found: " + pushed);
        String file = Files.readString(Chart.chartDir().resolve("files/prometheus-rules.yaml"));
        Set<String> chart = Pattern.compile("(?m)^\\s*- alert: *(\\S+)")
                .matcher(file)
                .results()
                .map(r -> r.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(chart.size() > 10, "alerts of the rules file: " + chart);
        Set<String> shared = new TreeSet<>(chart);
        shared.retainAll(pushed);
        assertEquals(Set.of(), shared, "alert names both the chart and the catalog use");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void metricCopiesOfTheCatalogsAlertsRenderOnlyWhenTheCatalogPushesNowhere(String scenario) {
        Chart.Rendered rendered = Scenarios.get(scenario);
        PrometheusRule rule = rendered.all(PrometheusRule.class).get(0);
        Set<String> groups =
                rule.getSpec().getGroups().stream().map(RuleGroup::getName).collect(Collectors.toSet());
        Set<String> alerts = alerts(rule);
        // default: no catalog; the other three run the catalog with an Alertmanager.
        boolean catalogPushes = !scenario.equals("default");
        assertEquals(!catalogPushes, groups.contains(FROM_METRICS_GROUP), "groups " + groups);
        assertEquals(!catalogPushes, alerts.contains("AirlockArtifactStaleFromMetrics"), "alerts " + alerts);
        assertEquals(!catalogPushes, alerts.contains("AirlockCoverageGapFromMetrics"), "alerts " + alerts);
        assertEquals(!catalogPushes, alerts.contains("AirlockImageMissingFromMetrics"), "alerts " + alerts);
        for (String pushed : catalogAlertNames()) {
            assertFalse(alerts.contains(pushed), pushed + " is both pushed by the catalog and a chart rule");
        }
    }

    @Test
    void aCatalogWithoutAlertmanagerGetsTheMetricCopies() {
        var sets = new java.util.LinkedHashMap<>(Scenarios.allServicesSets());
        sets.remove("alertmanager.urls[0]");
        Chart.Rendered rendered = Chart.render("catalog-without-alertmanager", java.util.Optional.empty(), sets);
        Set<String> alerts = alerts(rendered.all(PrometheusRule.class).get(0));
        assertTrue(alerts.contains("AirlockArtifactStaleFromMetrics"), "alerts " + alerts);
        assertTrue(alerts.contains("AirlockCoverageGapFromMetrics"), "alerts " + alerts);
        assertTrue(alerts.contains("AirlockImageMissingFromMetrics"), "alerts " + alerts);
    }
}
