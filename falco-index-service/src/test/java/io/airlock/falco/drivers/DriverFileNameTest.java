package io.airlock.falco.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The loader's file name grammar, including the names whose parts hold underscores. */
class DriverFileNameTest {

    @ParameterizedTest
    @CsvSource({
        "falco_ubuntu-generic_6.8.0-79-generic_79.ko, falco, ubuntu-generic, 6.8.0-79-generic, 79, MODULE",
        "falco_ubuntu-generic_6.5.0-27-generic_28~22.04.1.ko, falco, ubuntu-generic, 6.5.0-27-generic, 28~22.04.1, MODULE",
        "falco_debian_6.1.76-1-cloud-amd64_1.ko, falco, debian, 6.1.76-1-cloud-amd64, 1, MODULE",
        "falco_amazonlinux2_5.10.205-195.807.amzn2.x86_64_1.ko, falco, amazonlinux2, 5.10.205-195.807.amzn2.x86_64, 1, MODULE",
        "falco_bottlerocket_5.15.148_1_1.19.2-aws.ko, falco, bottlerocket, 5.15.148, 1_1.19.2-aws, MODULE",
        "falco_talos_6.6.13-talos_1_v1.6.4.o, falco, talos, 6.6.13-talos, 1_v1.6.4, EBPF",
        "falco_cos_6.1.75+_1.o, falco, cos, 6.1.75+, 1, EBPF",
        "sysdig_flatcar_3815.2.0_1.ko, sysdig, flatcar, 3815.2.0, 1, MODULE",
    })
    void parsesWhatTheLoaderBuilds(
            String name, String driver, String target, String release, String version, String kind) {
        DriverFileName f = DriverFileName.parse(name);
        assertEquals(new DriverFileName(driver, target, release, version, DriverKind.valueOf(kind)), f);
        assertEquals(name, f.fileName());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "falco.ko",
                "falco_ubuntu-generic_6.8.0-79-generic.ko",
                "falco_ubuntu_generic_6.8.0-79-generic_79",
                "falco_bottlerocket_5.15.148_1.ko",
                "falco_ubuntu-generic_6.8.0-79-generic_79.ko/x",
                "../falco_ubuntu-generic_6.8.0-79-generic_79.ko",
                "falco_ubuntu-generic_6.8.0-79-generic_7$9.ko",
            })
    void refusesWhatItCannotBe(String name) {
        ProblemException e = assertThrows(ProblemException.class, () -> DriverFileName.parse(name));
        assertEquals(FalcoError.INVALID_DRIVER_NAME, e.code());
    }
}
