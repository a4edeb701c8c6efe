package io.airlock.falco.drivers;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name the Falco driver loader requests: {@code <driverName>_<targetID>_<kernelRelease>_<kernelVersion>.ko}
 * ({@code .o} for the legacy eBPF probe), e.g. {@code falco_ubuntu-generic_6.8.0-79-generic_79.ko}.
 *
 * <p>The driver name and target id hold no underscore; the kernel release may ({@code ...amzn2.x86_64}), and so does
 * the kernel version of the targets whose loader writes {@code 1_<os version>} there (Bottlerocket, Talos). So the
 * kernel version is the text after the last underscore, or after the second-last for those targets. Every part uses
 * only letters, digits and {@code . - + ~} (plus {@code _} where just said): no separators, nothing to escape.
 */
public record DriverFileName(
        String driverName, String targetId, String kernelRelease, String kernelVersion, DriverKind kind) {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]*)_([a-z0-9][a-z0-9.-]*)_(.+)");
    private static final Pattern DRIVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    private static final Pattern TARGET_ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern RELEASE = Pattern.compile("[0-9]+\\.[0-9]+[A-Za-z0-9._+~-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+~-]*");
    private static final Pattern PREFIXED_VERSION = Pattern.compile("1_[A-Za-z0-9][A-Za-z0-9.+~-]*");
    /** Targets whose kernel version is {@code 1_<os version>} (see the loader's fixups for these distributions). */
    static final Set<String> PREFIXED_VERSION_TARGETS = Set.of("bottlerocket", "talos");

    private static final int MAX_BYTES = 255;

    public DriverFileName {
        String name = driverName + "_" + targetId + "_" + kernelRelease + "_" + kernelVersion + kind.extension();
        if (!DRIVER_NAME.matcher(driverName).matches()
                || !TARGET_ID.matcher(targetId).matches()) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME, "malformed driver name or target id in '" + name + "'");
        }
        if (!RELEASE.matcher(kernelRelease).matches()) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME,
                    "malformed kernel release '" + kernelRelease + "' in '" + name
                            + "': expected what uname -r prints, e.g. 6.8.0-79-generic");
        }
        Pattern version = PREFIXED_VERSION_TARGETS.contains(targetId) ? PREFIXED_VERSION : VERSION;
        if (!version.matcher(kernelVersion).matches()) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME,
                    "malformed kernel version '" + kernelVersion + "' in '" + name
                            + "': expected the build number from uname -v, e.g. 79");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME, "driver file name longer than " + MAX_BYTES + " bytes");
        }
    }

    /** Parses a file name, saying precisely what is wrong when it cannot be a driver's. */
    public static DriverFileName parse(String fileName) {
        if (fileName == null || fileName.isEmpty()) {
            throw new ProblemException(FalcoError.INVALID_DRIVER_NAME, "empty driver file name");
        }
        if (fileName.contains("/") || fileName.contains("\\") || fileName.contains("..")) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME,
                    "driver file name '" + printable(fileName)
                            + "' contains a path separator or '..'; name a single file");
        }
        DriverKind kind;
        String stem;
        if (fileName.endsWith(DriverKind.MODULE.extension())) {
            kind = DriverKind.MODULE;
        } else if (fileName.endsWith(DriverKind.EBPF.extension())) {
            kind = DriverKind.EBPF;
        } else {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME,
                    "driver file name '" + printable(fileName)
                            + "' must end in .ko (kernel module) or .o (eBPF probe)");
        }
        stem = fileName.substring(0, fileName.length() - kind.extension().length());
        Matcher m = NAME.matcher(stem);
        if (!m.matches()) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME,
                    "malformed driver file name '" + printable(fileName)
                            + "': expected <driverName>_<targetID>_<kernelRelease>_<kernelVersion>.ko,"
                            + " e.g. falco_ubuntu-generic_6.8.0-79-generic_79.ko");
        }
        String target = m.group(2);
        String rest = m.group(3);
        int split = rest.lastIndexOf('_');
        if (PREFIXED_VERSION_TARGETS.contains(target) && split > 0) {
            split = rest.lastIndexOf('_', split - 1);
        }
        if (split <= 0 || split == rest.length() - 1) {
            throw new ProblemException(
                    FalcoError.INVALID_DRIVER_NAME,
                    "malformed driver file name '" + printable(fileName)
                            + "': expected <driverName>_<targetID>_<kernelRelease>_<kernelVersion>.ko,"
                            + " e.g. falco_ubuntu-generic_6.8.0-79-generic_79.ko");
        }
        return new DriverFileName(m.group(1), target, rest.substring(0, split), rest.substring(split + 1), kind);
    }

    public String fileName() {
        return driverName + "_" + targetId + "_" + kernelRelease + "_" + kernelVersion + kind.extension();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
