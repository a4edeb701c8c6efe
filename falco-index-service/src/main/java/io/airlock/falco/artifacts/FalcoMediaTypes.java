package io.airlock.falco.artifacts;

import java.util.Optional;

/** falcoctl's media types: {@code application/vnd.cncf.falco.<type>.config.v1+json} and {@code ...layer.v1+tar.gz}. */
public final class FalcoMediaTypes {
    private static final String PREFIX = "application/vnd.cncf.falco.";

    private FalcoMediaTypes() {}

    public static String config(String type) {
        return PREFIX + type + ".config.v1+json";
    }

    public static String layer(String type) {
        return PREFIX + type + ".layer.v1+tar.gz";
    }

    /** {@code rulesfile}, {@code plugin} or {@code asset} for a Falco config media type. */
    public static Optional<String> typeOfConfig(String mediaType) {
        for (String type : io.airlock.falco.index.IndexEntry.TYPES) {
            if (config(type).equals(mediaType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
