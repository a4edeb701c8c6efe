package io.airlock.falco.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an upstream falcoctl index (checking what falcoctl needs) and writes the generated one. */
public final class IndexYaml {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private IndexYaml() {}

    /** The index as falcoctl reads it: a top-level YAML list ({@code []} when empty). */
    public static byte[] write(List<IndexEntry> entries) {
        if (entries.isEmpty()) {
            return "[]\n".getBytes(StandardCharsets.UTF_8);
        }
        try {
            return YAML.writeValueAsBytes(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the index", e);
        }
    }

    /**
     * Parses an index. Each entry needs {@code name}, {@code type} (rulesfile, plugin or asset), {@code registry} and
     * {@code repository}; the descriptive keys are kept when present; {@code signature} blocks are dropped (keyless
     * verification cannot work offline).
     */
    public static List<IndexEntry> read(byte[] yaml) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (Exception e) {
            throw new ProblemException(
                    FalcoError.INVALID_INDEX, "not a readable YAML document: " + firstLine(e.getMessage()));
        }
        if (doc == null || !doc.isArray()) {
            throw new ProblemException(
                    FalcoError.INVALID_INDEX, "a falcoctl index is a top-level YAML list of entries");
        }
        List<IndexEntry> entries = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < doc.size(); i++) {
            IndexEntry e = entry(doc.get(i), i);
            if (!names.add(e.name())) {
                throw new ProblemException(
                        FalcoError.INVALID_INDEX,
                        "index entry " + i + ": duplicate name '" + e.name()
                                + "' (falcoctl refuses an index with duplicate entries)");
            }
            entries.add(e);
        }
        return entries;
    }

    private static IndexEntry entry(JsonNode e, int i) {
        if (!e.isObject()) {
            throw new ProblemException(FalcoError.INVALID_INDEX, "index entry " + i + " is not a mapping");
        }
        String where = "index entry " + i
                + (e.path("name").isTextual() ? " ('" + e.get("name").asText() + "')" : "");
        String type = required(e, "type", where);
        if (!IndexEntry.TYPES.contains(type)) {
            throw new ProblemException(
                    FalcoError.INVALID_INDEX, where + ": type '" + type + "' is not one of " + IndexEntry.TYPES);
        }
        List<IndexEntry.Maintainer> maintainers = new ArrayList<>();
        JsonNode m = e.path("maintainers");
        if (!m.isMissingNode() && !m.isNull()) {
            if (!m.isArray()) {
                throw new ProblemException(
                        FalcoError.INVALID_INDEX, where + ": maintainers must be a list of {email, name}");
            }
            m.forEach(x -> maintainers.add(new IndexEntry.Maintainer(
                    x.path("email").asText(""), x.path("name").asText(""))));
        }
        return new IndexEntry(
                required(e, "name", where),
                type,
                required(e, "registry", where),
                required(e, "repository", where),
                e.path("description").asText(""),
                e.path("home").asText(""),
                strings(e.path("keywords"), where, "keywords"),
                e.path("license").asText(""),
                maintainers,
                strings(e.path("sources"), where, "sources"),
                null);
    }

    private static String required(JsonNode e, String key, String where) {
        JsonNode v = e.path(key);
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new ProblemException(FalcoError.INVALID_INDEX, where + ": missing '" + key + "'");
        }
        return v.asText().strip();
    }

    private static List<String> strings(JsonNode v, String where, String key) {
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ProblemException(FalcoError.INVALID_INDEX, where + ": " + key + " must be a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s);
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
