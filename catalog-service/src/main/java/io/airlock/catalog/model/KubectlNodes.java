package io.airlock.catalog.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The output of {@code kubectl get nodes -o json} (a {@code List} of {@code Node}s), or of {@code kubectl get node
 * <name> -o json} (one {@code Node}), taken as is: only the fields the catalog needs are read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KubectlNodes(String kind, List<Node> items, Metadata metadata, Status status) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(String kind, Metadata metadata, Status status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(NodeInfo nodeInfo) {}

    /** {@code status.nodeInfo}; {@code kernelVersion} holds {@code uname -r}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeInfo(
            String kernelVersion,
            String osImage,
            String architecture,
            String operatingSystem,
            String kubeletVersion,
            String containerRuntimeVersion) {}
}
