package io.airlock.falco.drivers;

/**
 * Where one driver lives: {@code <driverVersion>/<arch>/<file>}, the key in the file server's tree and, with the
 * version URL-escaped, the path the driver loader requests.
 */
public record DriverPath(DriverVersion version, Arch arch, DriverFileName file) {

    /** The key in the file server's tree: {@code 8.1.0+driver/x86_64/falco_..._79.ko}. */
    public String key() {
        return version.value() + "/" + arch.dir() + "/" + file.fileName();
    }

    /** The URL path the loader builds: {@code /8.1.0%2Bdriver/x86_64/falco_..._79.ko}. */
    public String urlPath() {
        return "/" + version.urlEscaped() + "/" + arch.dir() + "/" + file.fileName();
    }

    /** Parses and validates the three path segments, as received (decoded) from a request or a tar entry. */
    public static DriverPath of(String driverVersion, String arch, String fileName) {
        return new DriverPath(new DriverVersion(driverVersion), Arch.ofDir(arch), DriverFileName.parse(fileName));
    }
}
