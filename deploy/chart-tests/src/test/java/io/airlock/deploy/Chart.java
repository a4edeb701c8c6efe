package io.airlock.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chart under test: renders it with the Helm embedded by helm-java and parses what Helm printed into typed
 * fabric8 Kubernetes objects. Paths come from system properties set by the module's pom (so the tests run from any
 * working directory).
 */
final class Chart {
    static final String RELEASE = "airlock";
    static final String NAMESPACE = "airlock";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {}

    static Path chartDir() {
        return Path.of(System.getProperty("airlock.chart.dir", "../helm/airlock"));
    }

    static Path deployDir() {
        return Path.of(System.getProperty("airlock.deploy.dir", ".."));
    }

    /** The repository root (where the services' modules live). */
    static Path repoDir() {
        return deployDir().resolve("..").normalize();
    }

    /** Renders the chart with the given values file (or the chart's defaults) and extra --set values. */
    static String template(Optional<Path> valuesFile, Map<String, Object> sets) {
        TemplateCommand command =
                new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        valuesFile.ifPresent(command::withValuesFile);
        sets.forEach(command::set);
        return command.call();
    }

    /** One rendering, parsed. */
    static Rendered render(String scenario, Optional<Path> valuesFile, Map<String, Object> sets) {
        String yaml = template(valuesFile, sets);
        keep(scenario, yaml);
        return new Rendered(scenario, parse(yaml));
    }

    /** Every YAML document of a rendering as a typed Kubernetes object (unknown kinds fail the parse check). */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = YAML.treeToValue(doc, KubernetesResource.class);
                objects.add((HasMetadata) resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** Keeps each rendering under target/rendered for a human to read when a test fails. */
    private static void keep(String scenario, String yaml) {
        try {
            Path dir = Path.of(System.getProperty("airlock.rendered.dir", "target/rendered"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a scenario rendered. */
    record Rendered(String scenario, List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
            return all(type).stream()
                    .filter(o -> o.getMetadata().getName().equals(name))
                    .findFirst();
        }

        Map<String, Long> kinds() {
            Map<String, Long> kinds = new LinkedHashMap<>();
            objects.forEach(o -> kinds.merge(o.getKind(), 1L, Long::sum));
            return kinds;
        }

        @Override
        public String toString() {
            return scenario;
        }
    }
}
