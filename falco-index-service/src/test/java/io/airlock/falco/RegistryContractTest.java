package io.airlock.falco;

import io.airlock.testkit.RegistryContract;
import io.quarkus.test.junit.QuarkusTest;

/** The shared {@code /v2} rules, run against this registry. */
@QuarkusTest
class RegistryContractTest extends RegistryContract {

    @Override
    protected String adminPassword() {
        return TestDrivers.PASSWORD;
    }
}
