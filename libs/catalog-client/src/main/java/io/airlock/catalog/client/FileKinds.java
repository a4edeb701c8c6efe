package io.airlock.catalog.client;

import java.util.regex.Pattern;

/**
 * What kind of artifact a path of the file server's tree holds. One rule for every service: the file server
 * classifies what it publishes, the catalog's reconciliation what it finds in storage.
 *
 * <p>The layout is the Welkin guide's: OpenSearch plugin zips at the root ({@code repository-s3-2.8.0.zip}), the
 * falcoctl index at {@code falcoctl/index.yaml}, drivers at {@code <driverVersion>/<arch>/<name>_<target>_<release>_<version>.ko|.o}.
 */
public final class FileKinds {
    private static final Pattern PLUGIN_ZIP = Pattern.compile("[a-z0-9-]+-\\d+\\.\\d+\\.\\d+\\.zip");
    private static final Pattern DRIVER = Pattern.compile(".*/[^_/]+_[^_/]+_.+_[^_/]+\\.(ko|o)");

    private FileKinds() {}

    /** The kind of the file at {@code key} (a store key: no leading slash, decoded). */
    public static ArtifactKind of(String key) {
        if (key.endsWith("falcoctl/index.yaml") || key.equals("index.yaml")) {
            return ArtifactKind.FALCO_INDEX;
        }
        if (DRIVER.matcher(key).matches()) {
            return ArtifactKind.FALCO_DRIVER;
        }
        if (!key.contains("/") && PLUGIN_ZIP.matcher(key).matches()) {
            return ArtifactKind.OPENSEARCH_PLUGIN;
        }
        return ArtifactKind.FILE;
    }
}
