package io.airlock.falco.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlock.falco.FalcoError;
import io.airlock.falco.drivers.Arch;
import io.airlock.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads node facts from the documents an operator has at hand:
 *
 * <ul>
 *   <li>{@code kubectl get nodes -o json} as is (a {@code List} of {@code Node}s, or one {@code Node}): name,
 *       {@code status.nodeInfo.kernelVersion} (which is {@code uname -r}), {@code osImage}, {@code architecture}. The
 *       annotation {@value #UNAME_V_ANNOTATION}, when a node carries it, gives {@code uname -v}.
 *   <li>a list, bare or as {@code {"nodes": [...]}}, of {@code {name, kernelRelease, kernelVersion, osImage, arch,
 *       targetId}}; {@code kernelVersion} ({@code uname -v} or its build number) and {@code targetId} are optional.
 * </ul>
 */
public final class NodeDocuments {
    /** Node annotation holding {@code uname -v}, for clusters that publish it (kubectl does not show it otherwise). */
    public static final String UNAME_V_ANNOTATION = "falco.airlock.io/uname-v";

    private NodeDocuments() {}

    public static List<NodeFacts> parse(JsonNode doc) {
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            throw new ProblemException(FalcoError.INVALID_NODES, "empty node document");
        }
        if (doc.isArray()) {
            return list(doc);
        }
        if (!doc.isObject()) {
            throw new ProblemException(
                    FalcoError.INVALID_NODES, "expected kubectl's JSON (a List of Nodes) or a list of node facts");
        }
        if (doc.has("items")) {
            JsonNode items = doc.get("items");
            if (!items.isArray()) {
                throw new ProblemException(FalcoError.INVALID_NODES, "'items' must be a list of Nodes");
            }
            List<NodeFacts> nodes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                nodes.add(kubeNode(items.get(i), i));
            }
            return nodes;
        }
        if ("Node".equals(doc.path("kind").asText())) {
            return List.of(kubeNode(doc, 0));
        }
        if (doc.has("nodes")) {
            return list(doc.get("nodes"));
        }
        throw new ProblemException(
                FalcoError.INVALID_NODES,
                "expected kubectl get nodes -o json (with 'items') or {\"nodes\": [{kernelRelease, osImage, arch}]}");
    }

    private static NodeFacts kubeNode(JsonNode node, int index) {
        JsonNode info = node.path("status").path("nodeInfo");
        String name = text(node.path("metadata").path("name")).orElse("node-" + index);
        String where = "node '" + name + "'";
        return new NodeFacts(
                name,
                required(info.path("kernelVersion"), where, "status.nodeInfo.kernelVersion"),
                text(node.path("metadata").path("annotations").path(UNAME_V_ANNOTATION)),
                required(info.path("osImage"), where, "status.nodeInfo.osImage"),
                arch(required(info.path("architecture"), where, "status.nodeInfo.architecture"), where),
                Optional.empty());
    }

    private static List<NodeFacts> list(JsonNode array) {
        if (!array.isArray()) {
            throw new ProblemException(FalcoError.INVALID_NODES, "'nodes' must be a list");
        }
        List<NodeFacts> nodes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            if (!n.isObject()) {
                throw new ProblemException(FalcoError.INVALID_NODES, "node " + i + " is not an object");
            }
            String name = text(n.path("name")).orElse("node-" + i);
            String where = "node '" + name + "'";
            Optional<String> targetId = text(n.path("targetId"));
            String osImage = targetId.isPresent()
                    ? text(n.path("osImage")).orElse("")
                    : required(n.path("osImage"), where, "osImage");
            JsonNode arch = n.has("arch") ? n.get("arch") : n.path("architecture");
            nodes.add(new NodeFacts(
                    name,
                    required(n.path("kernelRelease"), where, "kernelRelease"),
                    text(n.path("kernelVersion")),
                    osImage,
                    arch(required(arch, where, "arch"), where),
                    targetId));
        }
        return nodes;
    }

    private static Arch arch(String value, String where) {
        try {
            return Arch.ofNode(value);
        } catch (ProblemException e) {
            throw new ProblemException(FalcoError.INVALID_NODES, where + ": " + e.getMessage());
        }
    }

    private static String required(JsonNode v, String where, String field) {
        return text(v).orElseThrow(() -> new ProblemException(FalcoError.INVALID_NODES, where + " has no " + field));
    }

    private static Optional<String> text(JsonNode v) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            return Optional.empty();
        }
        String s = v.asText().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
