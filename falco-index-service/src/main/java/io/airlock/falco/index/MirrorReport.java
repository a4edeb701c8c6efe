package io.airlock.falco.index;

import java.util.List;

/**
 * An upstream index compared with what is hosted.
 *
 * @param hosted upstream entries that appear in the generated index (they can be pulled here)
 * @param notHosted upstream entries that cannot be pulled here yet: push them, then they appear
 */
public record MirrorReport(int upstreamEntries, List<Ref> hosted, List<Ref> notHosted) {

    /** An upstream entry, named as upstream names it. */
    public record Ref(String name, String type, String registry, String repository) {
        static Ref of(IndexEntry e) {
            return new Ref(e.name(), e.type(), e.registry(), e.repository());
        }
    }
}
