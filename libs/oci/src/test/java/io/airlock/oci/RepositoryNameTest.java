package io.airlock.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "trivy-db", "aquasecurity/trivy-db", "a.b_c__d---e/f0", "x/y/z"})
    void acceptsNamesOfTheGrammar(String name) {
        assertEquals(name, RepositoryName.parse(name).value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "A", "a//b", "/a", "a/", "_a", "a/_manifests", "a..b", "a/../b", "a b", "-a", "a-", "a___b"})
    void refusesOthers(String name) {
        assertEquals(
                OciError.NAME_INVALID,
                assertThrows(OciException.class, () -> RepositoryName.parse(name))
                        .error());
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongNames() {
        assertThrows(OciException.class, () -> RepositoryName.parse("a".repeat(256)));
        assertEquals("trivy-db", RepositoryName.parse("aquasecurity/trivy-db").lastComponent());
    }
}
