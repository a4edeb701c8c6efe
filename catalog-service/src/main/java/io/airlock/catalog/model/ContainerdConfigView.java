package io.airlock.catalog.model;

import java.util.List;

/**
 * The containerd mirror configuration of this installation: the registry every upstream in use is mirrored by, and
 * for each upstream the {@code hosts.toml} to place at {@code <config_path>/<upstream>/hosts.toml} on every node.
 *
 * @param mirror the registry's URL as containerd reaches it ({@code http://} when the registry is insecure)
 * @param upstreams the upstream registries of the container images the catalog holds, sorted
 */
public record ContainerdConfigView(String mirror, List<Upstream> upstreams) {
    /**
     * @param upstream the registry host as containerd names it ({@code docker.io}, {@code registry.k8s.io:443})
     * @param server the upstream's own API endpoint ({@code server} of its hosts.toml)
     * @param path where the file goes under containerd's {@code config_path}: {@code <upstream>/hosts.toml}
     * @param hostsToml the URL of that file on this catalog
     */
    public record Upstream(String upstream, String server, String path, String hostsToml) {}
}
