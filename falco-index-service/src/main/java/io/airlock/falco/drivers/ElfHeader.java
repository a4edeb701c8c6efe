package io.airlock.falco.drivers;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;

/**
 * The first bytes of a driver, checked before anything is stored: a kernel module or eBPF probe is a 64-bit,
 * little-endian, relocatable ELF object ({@code ET_REL}) whose machine matches where it is published
 * ({@code EM_X86_64} under x86_64, {@code EM_AARCH64} under aarch64; {@code EM_BPF} for an eBPF probe under either).
 */
public final class ElfHeader {
    /** Bytes needed to decide: {@code e_ident} (16), {@code e_type} (2), {@code e_machine} (2). */
    public static final int LENGTH = 20;

    private static final int ELFCLASS64 = 2;
    private static final int ELFDATA2LSB = 1;
    private static final int EV_CURRENT = 1;
    private static final int ET_REL = 1;

    private ElfHeader() {}

    /** Refuses {@code head} (the first up to {@link #LENGTH} bytes) unless it can start {@code kind} for {@code arch}. */
    public static void check(byte[] head, Arch arch, DriverKind kind) {
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            throw new ProblemException(
                    FalcoError.NOT_A_DRIVER, "content is not an ELF object (no \\x7fELF magic): not a driver");
        }
        if (head.length < LENGTH) {
            throw new ProblemException(
                    FalcoError.NOT_A_DRIVER, "content is too short to be an ELF object: " + head.length + " bytes");
        }
        if (head[4] != ELFCLASS64) {
            throw new ProblemException(
                    FalcoError.NOT_A_DRIVER, "ELF class " + head[4] + " is not 64-bit: not a driver for " + arch.dir());
        }
        if (head[5] != ELFDATA2LSB) {
            throw new ProblemException(
                    FalcoError.NOT_A_DRIVER,
                    "ELF data encoding " + head[5] + " is not little-endian: not a driver for " + arch.dir());
        }
        if (head[6] != EV_CURRENT) {
            throw new ProblemException(FalcoError.NOT_A_DRIVER, "unknown ELF version " + head[6]);
        }
        int type = u16(head, 16);
        if (type != ET_REL) {
            throw new ProblemException(
                    FalcoError.NOT_A_DRIVER,
                    "ELF type " + type + " is not a relocatable object (ET_REL): kernel modules and probes are");
        }
        int machine = u16(head, 18);
        int expected = kind == DriverKind.EBPF ? Arch.EM_BPF : arch.elfMachine();
        if (machine != expected) {
            throw new ProblemException(
                    FalcoError.NOT_A_DRIVER,
                    "ELF machine " + machine + " does not match " + arch.dir()
                            + (kind == DriverKind.EBPF ? " eBPF probe" : "") + " (expected " + expected + ")");
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
