package io.airlock.falco.index;

/** CDI event: a Falco artifact was pushed or deleted, so the generated index must be regenerated. */
public record ArtifactsChanged() {}
