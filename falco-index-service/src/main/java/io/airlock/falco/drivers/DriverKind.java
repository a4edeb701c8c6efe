package io.airlock.falco.drivers;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;

/** What a driver file is: a kernel module ({@code .ko}) or the legacy eBPF probe ({@code .o}). */
public enum DriverKind {
    MODULE(".ko"),
    EBPF(".o");

    private final String extension;

    DriverKind(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code module} or {@code ebpf} (configuration and query parameters). */
    public static DriverKind of(String name) {
        if ("module".equalsIgnoreCase(name) || "kmod".equalsIgnoreCase(name)) {
            return MODULE;
        }
        if ("ebpf".equalsIgnoreCase(name) || "bpf".equalsIgnoreCase(name)) {
            return EBPF;
        }
        throw new ProblemException(
                FalcoError.UNKNOWN_DRIVER_KIND, "unknown driver kind '" + name + "': expected module or ebpf");
    }
}
