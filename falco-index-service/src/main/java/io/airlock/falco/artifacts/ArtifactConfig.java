package io.airlock.falco.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlock.oci.OciError;
import io.airlock.oci.OciException;
import java.util.ArrayList;
import java.util.List;

/**
 * The config JSON of a Falco artifact ({@code application/vnd.cncf.falco.<type>.config.v1+json}):
 * {@code {"name", "version", "dependencies": [{name, version}], "requirements": [{name, version}]}}. Name and a
 * semantic version are required; the lists may be absent, and when present hold {@code {name, version}} objects.
 */
public record ArtifactConfig(String name, SemVer version, List<Ref> dependencies, List<Ref> requirements) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One dependency or requirement, e.g. {@code {"name": "plugin_api_version", "version": "3.0.0"}}. */
    public record Ref(String name, String version) {}

    public static ArtifactConfig parse(byte[] json) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (Exception e) {
            throw invalid("the config blob is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw invalid("the config blob is not a JSON object");
        }
        JsonNode name = doc.path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw invalid("the config JSON has no 'name'");
        }
        JsonNode version = doc.path("version");
        if (!version.isTextual()) {
            throw invalid("the config JSON has no 'version'");
        }
        SemVer v = SemVer.parse(version.asText())
                .orElseThrow(() -> invalid("the config version '" + version.asText() + "' is not X.Y.Z"));
        return new ArtifactConfig(
                name.asText(),
                v,
                refs(doc.path("dependencies"), "dependencies"),
                refs(doc.path("requirements"), "requirements"));
    }

    private static List<Ref> refs(JsonNode list, String key) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw invalid("'" + key + "' in the config JSON must be a list");
        }
        List<Ref> out = new ArrayList<>();
        for (JsonNode r : list) {
            if (!r.isObject()
                    || !r.path("name").isTextual()
                    || !r.path("version").isTextual()) {
                throw invalid("each of '" + key + "' needs a 'name' and a 'version'");
            }
            out.add(new Ref(r.get("name").asText(), r.get("version").asText()));
        }
        return out;
    }

    private static OciException invalid(String detail) {
        return new OciException(OciError.MANIFEST_INVALID, detail);
    }
}
