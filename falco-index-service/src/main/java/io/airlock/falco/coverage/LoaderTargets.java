package io.airlock.falco.coverage;

import io.airlock.falco.drivers.DriverFileName;
import io.airlock.falco.drivers.DriverKind;
import io.airlock.problem.ProblemException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver file name a node's Falco driver loader (falcoctl) requests, computed the way the loader computes it:
 *
 * <ul>
 *   <li>target id from os-release {@code ID} (kubectl shows {@code PRETTY_NAME} as {@code osImage}, mapped back here):
 *       {@code ubuntu-<flavor>} with the flavor taken from the kernel release suffix ({@code -generic}, {@code -aws},
 *       {@code -azure}, ...; {@code generic} when there is none), {@code amazonlinux2}/{@code amazonlinux2022}/
 *       {@code amazonlinux2023}/{@code amazonlinux} from the version, else the ID itself ({@code debian},
 *       {@code centos}, {@code fedora}, {@code flatcar}, {@code cos}, {@code rhel}, ...);
 *   <li>kernel version: the build number after {@code #} in {@code uname -v}; Ubuntu keeps what follows up to
 *       {@code -Ubuntu} ({@code #26~22.04.1-Ubuntu} gives {@code 26~22.04.1}); Bottlerocket and Talos write
 *       {@code 1_<os version>[-<variant>]};
 *   <li>kernel release: {@code uname -r}, except Debian (the package version found in {@code uname -v}, e.g.
 *       {@code 6.1.76-1}, plus the flavor and arch suffix: {@code 6.1.76-1-amd64}, kernel version {@code 1}) and
 *       Flatcar (the Flatcar release, e.g. {@code 3815.2.0}).
 * </ul>
 *
 * kubectl shows {@code uname -r} but not {@code uname -v}. Without it: Ubuntu's build number is guessed as the ABI
 * number of the release ({@code 6.8.0-79-generic} → {@code 79}; right for most kernels, wrong for HWE and rebuilt
 * ones); most other distributions print {@code #1}; Debian's package version cannot be derived from an ABI release
 * ({@code 6.1.0-18-amd64}), so such a node stays unresolved until {@code uname -v} is given.
 */
public final class LoaderTargets {
    private static final Pattern UBUNTU_FLAVOR = Pattern.compile("-([a-zA-Z]+)(-.*)?$");
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)-(\\d+)(.*)$");
    private static final Pattern DEBIAN_ARCH = Pattern.compile("-?(rt-|cloud-|)(amd64|arm64)");
    private static final Pattern DEBIAN_PACKAGE_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+-\\d+");
    private static final Pattern BUILD_NUMBER = Pattern.compile("#(\\d+)");
    private static final Pattern OS_VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern PARENTHESIS = Pattern.compile("\\(([^)]*)\\)");

    private LoaderTargets() {}

    public static Expected expected(NodeFacts node, String driverName, DriverKind kind) {
        String os = osId(node);
        String release = node.kernelRelease();
        Optional<String> unameV = node.kernelVersion();
        try {
            switch (os) {
                case "ubuntu":
                    return ubuntu(node, driverName, kind);
                case "debian":
                    return debian(node, driverName, kind);
                case "flatcar": {
                    Matcher v = OS_VERSION.matcher(node.osImage());
                    if (!v.find()) {
                        return new Expected.Unresolved("flatcar", "no Flatcar version in osImage", "", "");
                    }
                    return generic("flatcar", v.group(1), unameV, driverName, kind, "");
                }
                case "bottlerocket": {
                    Matcher v = OS_VERSION.matcher(node.osImage());
                    Matcher variant = PARENTHESIS.matcher(node.osImage());
                    if (!v.find() || !variant.find()) {
                        return new Expected.Unresolved(os, "no Bottlerocket version and variant in osImage", "", "");
                    }
                    String kv = "1_" + v.group(1) + "-" + variant.group(1).split("-")[0];
                    return resolved(driverName, os, release, kv, kind, Expected.Source.DERIVED, "");
                }
                case "talos": {
                    Matcher v = Pattern.compile("(v\\d+\\.\\d+\\.\\d+)").matcher(node.osImage());
                    if (!v.find()) {
                        return new Expected.Unresolved(os, "no Talos version in osImage", "", "");
                    }
                    return resolved(driverName, os, release, "1_" + v.group(1), kind, Expected.Source.DERIVED, "");
                }
                case "":
                    return new Expected.Unresolved(
                            "", "unknown OS '" + node.osImage() + "': give targetId in the list form", "", "");
                default:
                    return generic(node.targetId().orElse(os), release, unameV, driverName, kind, "");
            }
        } catch (ProblemException e) {
            return new Expected.Unresolved(os, e.getMessage(), "", "");
        }
    }

    private static Expected ubuntu(NodeFacts node, String driverName, DriverKind kind) {
        String release = node.kernelRelease();
        String target = node.targetId().orElseGet(() -> {
            int dash = release.indexOf('-');
            Matcher m = UBUNTU_FLAVOR.matcher(dash < 0 ? "" : release.substring(dash));
            return "ubuntu-" + (m.find() ? m.group(1) : "generic");
        });
        if (node.kernelVersion().isPresent()) {
            String kv = node.kernelVersion().get().replaceFirst("^#+", "").split(" ")[0];
            if (kv.endsWith("-Ubuntu")) {
                kv = kv.substring(0, kv.length() - "-Ubuntu".length());
            }
            return resolved(driverName, target, release, kv, kind, Expected.Source.GIVEN, "");
        }
        Matcher abi = RELEASE.matcher(release);
        if (!abi.matches()) {
            return new Expected.Unresolved(
                    target, "cannot guess the build number from '" + release + "': give uname -v", "", "");
        }
        return resolved(
                driverName,
                target,
                release,
                abi.group(4),
                kind,
                Expected.Source.GUESSED,
                "uname -v unknown: build number guessed from the ABI number; HWE and rebuilt kernels differ");
    }

    private static Expected debian(NodeFacts node, String driverName, DriverKind kind) {
        String release = node.kernelRelease();
        String target = node.targetId().orElse("debian");
        int dash = release.indexOf('-');
        Matcher arch = DEBIAN_ARCH.matcher(dash < 0 ? "" : release.substring(dash));
        String archExtra = arch.find() ? "-" + arch.group(1) + arch.group(2) : "";
        if (node.kernelVersion().isPresent()) {
            Matcher pkg = DEBIAN_PACKAGE_VERSION.matcher(node.kernelVersion().get());
            if (pkg.find()) {
                return resolved(driverName, target, pkg.group() + archExtra, "1", kind, Expected.Source.DERIVED, "");
            }
            return generic(target, release, node.kernelVersion(), driverName, kind, "");
        }
        Matcher r = RELEASE.matcher(release);
        if (r.matches() && !"0".equals(r.group(3))) {
            String pkg = r.group(1) + "." + r.group(2) + "." + r.group(3) + "-" + r.group(4);
            return resolved(
                    driverName,
                    target,
                    pkg + archExtra,
                    "1",
                    kind,
                    Expected.Source.GUESSED,
                    "uname -v unknown: package version assumed to be the one in the kernel release");
        }
        String majorMinor = r.matches() ? r.group(1) + "." + r.group(2) + "." : "";
        return new Expected.Unresolved(
                target,
                "Debian's loader names the driver after the package version in uname -v (e.g. 6.1.76-1), which"
                        + " kubectl does not show; give kernelVersion (uname -v) in the list form or annotate the"
                        + " node with " + NodeDocuments.UNAME_V_ANNOTATION,
                driverName + "_" + target + "_" + majorMinor,
                archExtra + "_1" + kind.extension());
    }

    private static Expected generic(
            String target, String release, Optional<String> unameV, String driverName, DriverKind kind, String note) {
        if (unameV.isPresent()) {
            String given = unameV.get();
            Matcher m = BUILD_NUMBER.matcher(given);
            String kv = m.find() ? m.group(1) : given.split(" ")[0];
            return resolved(driverName, target, release, kv, kind, Expected.Source.GIVEN, note);
        }
        return resolved(
                driverName,
                target,
                release,
                "1",
                kind,
                Expected.Source.GUESSED,
                "uname -v unknown: assumed '#1', as these distributions print");
    }

    private static Expected resolved(
            String driverName,
            String target,
            String release,
            String kv,
            DriverKind kind,
            Expected.Source source,
            String note) {
        return new Expected.Resolved(new DriverFileName(driverName, target, release, kv, kind), source, note);
    }

    /** The os-release ID the loader would read, from the node's PRETTY_NAME (or its explicit target id). */
    static String osId(NodeFacts node) {
        if (node.targetId().isPresent()) {
            String t = node.targetId().get();
            if (t.startsWith("ubuntu")) {
                return "ubuntu";
            }
            return t.equals("debian") ? "debian" : "explicit:" + t;
        }
        String os = node.osImage().toLowerCase(Locale.ROOT).strip();
        if (os.startsWith("ubuntu")) {
            return "ubuntu";
        }
        if (os.startsWith("debian")) {
            return "debian";
        }
        if (os.startsWith("amazon linux")) {
            String rest = os.substring("amazon linux".length()).strip();
            if (rest.startsWith("2023")) {
                return "amazonlinux2023";
            }
            if (rest.startsWith("2022")) {
                return "amazonlinux2022";
            }
            if (rest.equals("2") || rest.startsWith("2 ")) {
                return "amazonlinux2";
            }
            return "amazonlinux";
        }
        String[][] prefixes = {
            {"centos", "centos"},
            {"red hat enterprise linux", "rhel"},
            {"fedora", "fedora"},
            {"rocky linux", "rocky"},
            {"almalinux", "almalinux"},
            {"oracle linux", "ol"},
            {"flatcar container linux", "flatcar"},
            {"container-optimized os", "cos"},
            {"bottlerocket", "bottlerocket"},
            {"talos", "talos"},
            {"arch linux", "arch"},
            {"opensuse leap", "opensuse-leap"},
            {"opensuse tumbleweed", "opensuse-tumbleweed"},
        };
        for (String[] p : prefixes) {
            if (os.startsWith(p[0])) {
                return p[1];
            }
        }
        return "";
    }
}
