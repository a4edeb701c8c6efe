package io.airlock.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `helm lint --strict`, and values.schema.json refusing what an operator could mistype. */
class ChartLintAndSchemaTest {

    @Test
    void chartLintsStrictly() {
        LintResult result = new Helm(Chart.chartDir()).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint failed: " + result.getMessages());
    }

    /** Each of these is a mistake the schema must stop before anything reaches a cluster. */
    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({
        "fileserver.replicaz, 3", // typo'd key in a service block
        "fileServer.enabled, true", // typo'd service block
        "storage.endpoit, http://minio:9000", // typo'd storage key
        "storage.credentials.existingSecrett, s3", // typo'd nested key
        "networkPolicy.ingres.fromNamespaces[0], falco", // typo'd policy key
        "metrics.serviceMonitor.enable, true", // typo'd monitoring key
        "fileserver.port, 99999", // out of range
        "storage.endpoint, minio:9000", // no scheme
        "image.pullPolicy, Sometimes", // not an enum value
        "hosts.registry, https://registry.air-gapped.internal", // a URL where trivy-operator wants a host
    })
    void valuesSchemaRejects(String key, String value) {
        Exception e = assertThrows(
                Exception.class, () -> Chart.template(Optional.empty(), Map.of(key, value)), key + " was accepted");
        assertTrue(
                e.getMessage().toLowerCase().contains("schema")
                        || e.getMessage().toLowerCase().contains("additional")
                        || e.getMessage().toLowerCase().contains("not allowed"),
                () -> "failed for another reason than the schema: " + e.getMessage());
    }

    @Test
    void missingRequiredSettingsFailWithAClearMessage() {
        Exception e = assertThrows(
                Exception.class,
                () -> Chart.template(
                        Optional.empty(),
                        Map.of(
                                "catalog.enabled",
                                "true",
                                "networkPolicy.egress.postgresql.to[0].ipBlock.cidr",
                                "10.0.0.1/32")));
        assertTrue(e.getMessage().contains("postgresql.jdbcUrl"), e.getMessage());
    }
}
