package io.airlock.falco.coverage;

import io.airlock.falco.drivers.Arch;
import java.util.Optional;

/**
 * What is known about one node's kernel, from {@code kubectl get nodes -o json} or from an explicit list.
 *
 * @param name the node name (for the report)
 * @param kernelRelease {@code uname -r}: kubectl's {@code status.nodeInfo.kernelVersion}
 * @param kernelVersion {@code uname -v} (e.g. {@code #79-Ubuntu SMP ...}) or the build number already taken from it
 *     ({@code 79}); kubectl does not show it, so it is often empty and then derived or guessed
 * @param osImage {@code PRETTY_NAME} of the node's os-release, as kubectl's {@code status.nodeInfo.osImage} shows it
 * @param arch the node's architecture
 * @param targetId an explicit loader target id, overriding what {@code osImage} implies
 */
public record NodeFacts(
        String name,
        String kernelRelease,
        Optional<String> kernelVersion,
        String osImage,
        Arch arch,
        Optional<String> targetId) {}
