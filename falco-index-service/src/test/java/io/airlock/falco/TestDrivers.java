package io.airlock.falco;

import static io.restassured.RestAssured.given;

import io.airlock.testkit.Fixtures;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Driver-shaped bytes and HTTP helpers shared by the service's tests. */
public final class TestDrivers {
    public static final String PASSWORD = "test-admin-password";
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_BPF = 247;

    private TestDrivers() {}

    /** A 64-bit little-endian relocatable ELF object for {@code machine}, followed by pseudo-random bytes. */
    public static byte[] elf(int machine, int size, long seed) {
        return elf(2, 1, machine, size, seed);
    }

    public static byte[] elf(int elfClass, int type, int machine, int size, long seed) {
        byte[] b = Fixtures.randomBytes(Math.max(size, 64), seed);
        byte[] ident = {0x7f, 'E', 'L', 'F', (byte) elfClass, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        System.arraycopy(ident, 0, b, 0, ident.length);
        b[16] = (byte) type;
        b[17] = 0;
        b[18] = (byte) (machine & 0xff);
        b[19] = (byte) (machine >> 8);
        return b;
    }

    /** A driver version no other test uses, so tests share one store without seeing each other's drivers. */
    public static String uniqueVersion() {
        return "8.1.0-t" + UUID.randomUUID().toString().substring(0, 8) + "+driver";
    }

    public static RequestSpecification anon() {
        return given().urlEncodingEnabled(false);
    }

    public static RequestSpecification admin() {
        return given().urlEncodingEnabled(false).auth().preemptive().basic("admin", PASSWORD);
    }
}
