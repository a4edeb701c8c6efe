package io.airlock.falco.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.airlock.falco.drivers.Arch;
import io.airlock.falco.drivers.DriverKind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** File names as the driver loader computes them, from what kubectl (and optionally uname -v) shows. */
class LoaderTargetsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "6.8.0-79-generic | | Ubuntu 24.04.3 LTS | falco_ubuntu-generic_6.8.0-79-generic_79.ko | GUESSED",
                "6.8.0-79-generic | #80-Ubuntu SMP PREEMPT_DYNAMIC Tue | Ubuntu 24.04.3 LTS | falco_ubuntu-generic_6.8.0-79-generic_80.ko | GIVEN",
                "5.0.0-1028-aws-5.0 | #31 | Ubuntu 18.04 LTS | falco_ubuntu-aws_5.0.0-1028-aws-5.0_31.ko | GIVEN",
                "5.15.0-1057-gke | | Ubuntu 22.04.4 LTS | falco_ubuntu-gke_5.15.0-1057-gke_1057.ko | GUESSED",
                "5.15.0-91-lowlatency | 101 | Ubuntu 22.04 | falco_ubuntu-lowlatency_5.15.0-91-lowlatency_101.ko | GIVEN",
                "5.10.0-0.deb10.22-rt-amd64 | #1 SMP PREEMPT_RT Debian 5.10.178-3~deb10u1 | Debian GNU/Linux 10 (buster) | falco_debian_5.10.178-3-rt-amd64_1.ko | DERIVED",
                "6.1.0-18-arm64 | #1 SMP Debian 6.1.76-1 (2024-02-01) | Debian GNU/Linux 12 (bookworm) | falco_debian_6.1.76-1-arm64_1.ko | DERIVED",
                "4.18.0-513.5.1.el8_9.x86_64 | | Red Hat Enterprise Linux 8.9 (Ootpa) | falco_rhel_4.18.0-513.5.1.el8_9.x86_64_1.ko | GUESSED",
                "6.7.5-200.fc39.x86_64 | #1 SMP PREEMPT_DYNAMIC Sat Feb 17 | Fedora Linux 39 (Cloud Edition) | falco_fedora_6.7.5-200.fc39.x86_64_1.ko | GIVEN",
                "4.14.336-257.566.amzn2.x86_64 | | Amazon Linux 2 | falco_amazonlinux2_4.14.336-257.566.amzn2.x86_64_1.ko | GUESSED",
                "4.14.336-180.566.amzn1.x86_64 | | Amazon Linux AMI 2018.03 | falco_amazonlinux_4.14.336-180.566.amzn1.x86_64_1.ko | GUESSED",
                "6.6.13-talos | | Talos (v1.6.4) | falco_talos_6.6.13-talos_1_v1.6.4.ko | DERIVED",
            })
    void fileNames(String release, String unameV, String osImage, String expected, String source) {
        NodeFacts node =
                new NodeFacts("n", release, Optional.ofNullable(unameV), osImage, Arch.X86_64, Optional.empty());
        Expected.Resolved r =
                assertInstanceOf(Expected.Resolved.class, LoaderTargets.expected(node, "falco", DriverKind.MODULE));
        assertEquals(expected, r.file().fileName());
        assertEquals(Expected.Source.valueOf(source), r.source());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "6.1.0-18-amd64 | Debian GNU/Linux 12 (bookworm) | falco_debian_6.1. | -amd64_1.ko",
                "5.10.0-28-cloud-amd64 | Debian GNU/Linux 11 (bullseye) | falco_debian_5.10. | -cloud-amd64_1.ko",
            })
    void debianAbiReleasesNeedUnameV(String release, String osImage, String prefix, String suffix) {
        NodeFacts node = new NodeFacts("n", release, Optional.empty(), osImage, Arch.X86_64, Optional.empty());
        Expected.Unresolved u =
                assertInstanceOf(Expected.Unresolved.class, LoaderTargets.expected(node, "falco", DriverKind.MODULE));
        assertEquals(prefix, u.prefix());
        assertEquals(suffix, u.suffix());
    }
}
