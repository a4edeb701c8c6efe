package io.airlock.falco.coverage;

import io.airlock.falco.drivers.DriverFileName;

/** What the loader on one node will ask for, as far as the node facts tell. */
public sealed interface Expected {

    /** Where the kernel version in the name came from. */
    enum Source {
        /** from the {@code uname -v} (or build number) the caller gave */
        GIVEN,
        /** computed from other facts as the loader computes it (os-release, kernel release) */
        DERIVED,
        /** kubectl does not show {@code uname -v}: the usual value, which the node may not have */
        GUESSED
    }

    String targetId();

    /**
     * The exact file name.
     *
     * @param note why a guess is a guess, or empty
     */
    record Resolved(DriverFileName file, Source source, String note) implements Expected {
        @Override
        public String targetId() {
            return file.targetId();
        }
    }

    /**
     * The name cannot be computed without {@code uname -v} or a known OS; hosted files that fit the known part
     * ({@code prefix}…{@code suffix}) are offered as candidates.
     */
    record Unresolved(String targetId, String reason, String prefix, String suffix) implements Expected {}
}
