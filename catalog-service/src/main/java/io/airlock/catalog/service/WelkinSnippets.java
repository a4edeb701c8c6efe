package io.airlock.catalog.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What an operator merges into Welkin's configuration so that Falco, Trivy, Harbor and OpenSearch pull from this
 * installation: one document per Welkin config file (and per service cluster for {@code sc-config.yaml}), with keys at
 * the paths and of the types of Welkin's config schema, plus alternatives the operator may choose instead.
 *
 * @param documents in the order common-config, then sc-config per cluster
 * @param alternatives settings that may replace part of a document; never merged by default
 */
public record WelkinSnippets(List<Document> documents, List<Alternative> alternatives) {
    /**
     * @param file the Welkin config file: {@code common-config.yaml} or {@code sc-config.yaml}
     * @param cluster the service cluster an {@code sc-config.yaml} is for, or null (all clusters, or not declared)
     * @param notes what the operator must know or still set (each {@code set-me} value is explained here)
     * @param config the keys to merge into that file
     */
    public record Document(String file, String cluster, List<String> notes, ObjectNode config) {}

    /**
     * @param file the Welkin config file it would go into
     * @param reason why it applies to this platform
     * @param config the keys that would replace those of the document
     */
    public record Alternative(String file, String reason, ObjectNode config) {}
}
