package io.airlock.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the bundle ITs need beyond Java and Maven (the packaged jars, Debian's {@code docker-registry}). A missing one
 * fails the build, so that a green {@code mvn -B verify} always means the crossing was tested; only an explicit
 * {@code -Dairlock.allowSkips=true} turns it into a skip, announced with a banner on the build's output.
 */
final class Prerequisites {
    static final String ALLOW_SKIPS = "airlock.allowSkips";

    private Prerequisites() {}

    /** Passes when {@code present}; otherwise fails, or skips the test class with a banner when skips are allowed. */
    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (!Boolean.getBoolean(ALLOW_SKIPS)) {
            throw new AssertionError("missing for the bundle integration tests: " + what + " (or run with -D"
                    + ALLOW_SKIPS + "=true to skip them knowingly)");
        }
        String line = "*".repeat(100);
        System.out.println(line + "\n*** SKIPPED (-D" + ALLOW_SKIPS + "=true): " + what + "\n" + line);
        assumeTrue(false, what);
    }
}
