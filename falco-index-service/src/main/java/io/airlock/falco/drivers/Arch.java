package io.airlock.falco.drivers;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;
import java.util.Locale;

/**
 * The architectures Falco publishes drivers for, named as the driver loader names the directory ({@code uname -m}
 * style), with the Kubernetes name ({@code status.nodeInfo.architecture}) and the ELF machine of a kernel module.
 */
public enum Arch {
    X86_64("x86_64", "amd64", 62),
    AARCH64("aarch64", "arm64", 183);

    /** ELF {@code e_machine} of an eBPF object, whatever directory it is published under. */
    public static final int EM_BPF = 247;

    private final String dir;
    private final String kubernetes;
    private final int elfMachine;

    Arch(String dir, String kubernetes, int elfMachine) {
        this.dir = dir;
        this.kubernetes = kubernetes;
        this.elfMachine = elfMachine;
    }

    /** The directory name in the driver tree: {@code x86_64} or {@code aarch64}. */
    public String dir() {
        return dir;
    }

    public int elfMachine() {
        return elfMachine;
    }

    /** Parses a driver-tree directory name; only {@code x86_64} and {@code aarch64} are accepted. */
    public static Arch ofDir(String name) {
        for (Arch a : values()) {
            if (a.dir.equals(name)) {
                return a;
            }
        }
        throw new ProblemException(
                FalcoError.UNSUPPORTED_ARCH,
                "unsupported arch '" + name + "': drivers are published for x86_64 and aarch64 only");
    }

    /** Parses a node's architecture: Kubernetes names ({@code amd64}, {@code arm64}) or the directory names. */
    public static Arch ofNode(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (Arch a : values()) {
            if (a.kubernetes.equals(n) || a.dir.equals(n)) {
                return a;
            }
        }
        throw new ProblemException(
                FalcoError.UNSUPPORTED_ARCH, "unsupported node architecture '" + name + "': expected amd64 or arm64");
    }
}
