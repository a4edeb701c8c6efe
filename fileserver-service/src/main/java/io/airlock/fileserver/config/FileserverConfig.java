package io.airlock.fileserver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The file server's own settings ({@code AIRLOCK_FILESERVER_*}); storage and auth come from the libs. */
@ConfigMapping(prefix = "airlock.fileserver")
public interface FileserverConfig {

    /**
     * Base URL under which nodes and pods reach this file server (the Welkin guide's name). Used to tell the catalog
     * where each published file is served; must equal the catalog's {@code airlock.catalog.welkin.fileserver-url}.
     */
    @WithDefault("http://fileserver.air-gapped.internal:8080")
    String publicUrl();
}
