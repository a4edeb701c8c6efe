package io.airlock.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Reads manifest documents and enforces the rules a registry checks before it stores one. Everything wrong with the
 * document itself is MANIFEST_INVALID; whether the referenced content exists is the registry's business.
 */
public final class Manifests {
    /** The largest manifest a registry must accept; bigger ones are refused with 413. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private Manifests() {}

    /**
     * Parses {@code body} pushed with {@code contentType}.
     *
     * <p>The kind is taken from the document's {@code mediaType} field, else from the Content-Type; when both are
     * present they must agree. Image manifests need a config; every descriptor needs a mediaType, a valid digest and
     * a size.
     */
    public static Manifest parse(byte[] body, String contentType) {
        JsonNode tree;
        try {
            tree = OciJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw invalid("not JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("a manifest is a JSON object");
        }
        JsonNode schema = tree.get("schemaVersion");
        if (schema == null || !schema.isInt() || schema.intValue() != 2) {
            throw invalid("schemaVersion must be 2");
        }
        String declared = MediaTypes.essence(contentType);
        JsonNode mt = tree.get("mediaType");
        String field = null;
        if (mt != null && !mt.isNull()) {
            if (!mt.isTextual()) {
                throw invalid("mediaType must be a string");
            }
            field = mt.textValue();
            if (declared != null && !declared.equals(field)) {
                throw invalid("Content-Type " + declared + " does not match the manifest's mediaType " + field);
            }
        }
        String kind = field != null ? field : declared;
        if (kind == null) {
            throw invalid("the manifest's media type is unknown: set its mediaType field or the Content-Type");
        }
        try {
            if (MediaTypes.IMAGE_MANIFESTS.contains(kind)) {
                Manifest.Image image = OciJson.MAPPER.treeToValue(tree, Manifest.Image.class);
                if (image.config() == null) {
                    throw invalid("an image manifest needs a config descriptor");
                }
                return new Manifest.Image(
                        image.schemaVersion(),
                        kind,
                        image.artifactType(),
                        image.config(),
                        image.layers(),
                        image.subject(),
                        image.annotations());
            }
            if (MediaTypes.INDEXES.contains(kind)) {
                if (tree.has("manifests") && !tree.get("manifests").isArray()) {
                    throw invalid("manifests must be an array");
                }
                Manifest.Index index = OciJson.MAPPER.treeToValue(tree, Manifest.Index.class);
                return new Manifest.Index(
                        index.schemaVersion(),
                        kind,
                        index.artifactType(),
                        index.manifests(),
                        index.subject(),
                        index.annotations());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(firstLine(rootCause(e)));
        }
        throw invalid("unsupported manifest media type: " + kind);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable e) {
        if (e instanceof OciException oci) {
            return oci.detail();
        }
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static OciException invalid(String detail) {
        return new OciException(OciError.MANIFEST_INVALID, detail);
    }
}
