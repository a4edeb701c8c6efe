package io.airlock.falco.index;

import java.io.IOException;
import java.util.List;

/**
 * What can really be pulled: the only source of entries in the generated index. Implemented by the Falco OCI registry
 * (rulesfiles and plugins on {@code /v2}) once it exists; until then {@link NoHostedArtifacts} says "nothing", so the
 * generated index holds no entry that could not be pulled. An implementation fires {@link ArtifactsChanged} after
 * every push or delete so the index is regenerated.
 */
public interface HostedArtifacts {
    List<HostedArtifact> list() throws IOException;
}
