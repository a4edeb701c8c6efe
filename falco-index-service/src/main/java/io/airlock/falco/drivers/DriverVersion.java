package io.airlock.falco.drivers;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * A driver version as the driver site names its top-level directories: {@code <semver>+driver} (e.g.
 * {@code 8.1.0+driver}, {@code 7.0.0+driver}), or the 40-hex commit ids of the oldest releases.
 */
public record DriverVersion(String value) {
    private static final Pattern SEMVER_DRIVER =
            Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?\\+driver");
    private static final Pattern LEGACY_COMMIT = Pattern.compile("[0-9a-f]{40}");

    public DriverVersion {
        if (value == null
                || !(SEMVER_DRIVER.matcher(value).matches()
                        || LEGACY_COMMIT.matcher(value).matches())) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_VERSION,
                    "malformed driver version '" + value
                            + "': expected <major>.<minor>.<patch>+driver, e.g. 8.1.0+driver");
        }
    }

    public static boolean isValid(String value) {
        return value != null
                && (SEMVER_DRIVER.matcher(value).matches()
                        || LEGACY_COMMIT.matcher(value).matches());
    }

    /** As the loader puts it in a URL ({@code url.QueryEscape}): {@code 8.1.0%2Bdriver}. */
    public String urlEscaped() {
        return value.replace("+", "%2B");
    }

    @Override
    public String toString() {
        return value;
    }
}
