package io.airlock.falco.drivers;

import java.util.List;

/**
 * The outcome of a bulk import: what was stored (each whole and validated) and what was refused and why. A refused
 * entry stores nothing; it does not stop the import of the others.
 */
public record ImportReport(List<Imported> imported, List<Rejected> rejected) {

    public record Imported(String path, String url, long size, String sha256) {}

    public record Rejected(String entry, String reason) {}
}
