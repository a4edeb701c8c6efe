package io.airlock.catalog.service;

import io.airlock.catalog.data.Artifact;
import io.airlock.catalog.data.ArtifactVersion;
import io.airlock.catalog.data.ClusterNode;
import io.airlock.catalog.model.ArtifactView;
import io.airlock.catalog.model.NodeView;
import io.airlock.catalog.model.VersionView;

/** Entities to API records (inside a transaction: lazy associations are read here). */
final class Views {
    private Views() {}

    static VersionView of(ArtifactVersion v) {
        return new VersionView(
                v.id,
                v.artifact.id,
                v.artifact.kind,
                v.artifact.name,
                v.version,
                v.digest,
                v.size,
                v.mediaType,
                v.location,
                v.upstreamSource,
                v.bundle,
                v.source,
                v.importedAt,
                v.upstreamBuiltAt,
                v.validUntil,
                v.platformList());
    }

    static ArtifactView of(Artifact a) {
        long count = ArtifactVersion.count("artifact", a);
        VersionView newest = ArtifactVersion.newest(a).map(Views::of).orElse(null);
        return new ArtifactView(
                a.id, a.kind, a.name, a.createdAt, count, newest, a.upstreamLatestBuiltAt, a.upstreamCheckedAt);
    }

    static NodeView of(ClusterNode n) {
        return new NodeView(
                n.name, n.kernelRelease, n.architecture, n.osImage, n.kubeletVersion, n.containerRuntime, n.declaredAt);
    }
}
