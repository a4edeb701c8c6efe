package io.airlock.falco.api;

import io.airlock.falco.drivers.DriverPath;

/**
 * One hosted driver as the admin API shows it.
 *
 * @param path the key in the file server's tree ({@code 8.1.0+driver/x86_64/falco_..._79.ko})
 * @param url the path the loader requests from the file server ({@code /8.1.0%2Bdriver/x86_64/...})
 */
public record DriverView(
        String path,
        String url,
        String driverVersion,
        String arch,
        String fileName,
        String driverName,
        String targetId,
        String kernelRelease,
        String kernelVersion,
        long size,
        String sha256) {

    static DriverView of(DriverPath p, long size, String sha256) {
        return new DriverView(
                p.key(),
                p.urlPath(),
                p.version().value(),
                p.arch().dir(),
                p.file().fileName(),
                p.file().driverName(),
                p.file().targetId(),
                p.file().kernelRelease(),
                p.file().kernelVersion(),
                size,
                sha256);
    }
}
