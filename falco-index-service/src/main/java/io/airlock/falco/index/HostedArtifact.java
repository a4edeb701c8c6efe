package io.airlock.falco.index;

/**
 * A rulesfile, plugin or asset that can really be pulled from this installation's registry.
 *
 * @param type {@code rulesfile}, {@code plugin} or {@code asset}
 * @param repository the repository in this installation's registry, e.g. {@code falcosecurity/rules/falco-rules}
 * @param name the artifact name (the config JSON's {@code name})
 */
public record HostedArtifact(String type, String repository, String name) {}
