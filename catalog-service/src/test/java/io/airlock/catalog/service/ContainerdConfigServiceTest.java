package io.airlock.catalog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.airlock.catalog.config.CatalogConfig;
import io.airlock.catalog.domain.CatalogException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hosts.toml rules that depend on settings: insecure means plain HTTP, CA and skip_verify only over TLS. */
class ContainerdConfigServiceTest {

    static ContainerdConfigService service(Map<String, Object> welkin) {
        CatalogConfig.Welkin w = (CatalogConfig.Welkin) Proxy.newProxyInstance(
                CatalogConfig.Welkin.class.getClassLoader(), new Class<?>[] {CatalogConfig.Welkin.class}, (p, m, a) -> {
                    if (!welkin.containsKey(m.getName())) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    return welkin.get(m.getName());
                });
        CatalogConfig c = (CatalogConfig) Proxy.newProxyInstance(
                CatalogConfig.class.getClassLoader(), new Class<?>[] {CatalogConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("welkin")) {
                        return w;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        ContainerdConfigService s = new ContainerdConfigService();
        s.config = c;
        return s;
    }

    static List<String> settings(String toml) {
        return toml.lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void anInsecureRegistryIsPlainHttpWithoutTlsSettings() {
        ContainerdConfigService s = service(Map.of(
                "registryHost",
                "10.0.0.9:8082",
                "registryInsecure",
                true,
                "registrySkipVerify",
                true,
                "registryCa",
                Optional.of("/etc/airlock/ca.crt")));
        assertEquals(
                List.of(
                        "server = \"https://quay.io\"",
                        "",
                        "[host.\"http://10.0.0.9:8082\"]",
                        "  capabilities = [\"pull\", \"resolve\"]"),
                settings(s.hostsToml("quay.io")));
    }

    @Test
    void overTlsTheCaAndSkipVerifyAreWrittenAsConfigured() {
        ContainerdConfigService s = service(Map.of(
                "registryHost",
                "registry.example:8443",
                "registryInsecure",
                false,
                "registrySkipVerify",
                true,
                "registryCa",
                Optional.of("/etc/containerd/certs.d/airlock \"ca\".crt")));
        assertEquals(
                List.of(
                        "server = \"https://registry.k8s.io\"",
                        "",
                        "[host.\"https://registry.example:8443\"]",
                        "  capabilities = [\"pull\", \"resolve\"]",
                        "  skip_verify = true",
                        "  ca = \"/etc/containerd/certs.d/airlock \\\"ca\\\".crt\""),
                settings(s.hostsToml("registry.k8s.io")));
    }

    @Test
    void upstreamsAreReadBackFromRepositoryNames() {
        assertEquals(Optional.of("localhost:5000"), ContainerdConfigService.upstreamOfRepository("localhost_5000"));
        assertEquals(Optional.of("quay.io"), ContainerdConfigService.upstreamOfRepository("quay.io"));
        assertEquals(Optional.empty(), ContainerdConfigService.upstreamOfRepository("bad_name"));
        assertEquals("localhost_5000", ContainerdConfigService.repositoryPrefix("localhost:5000"));
        assertEquals("docker.io", ContainerdConfigService.repositoryPrefix("docker.io"));
    }

    @Test
    void requestedUpstreamsAreNormalizedOrRefused() {
        ContainerdConfigService s = service(Map.of());
        assertEquals("quay.io", s.upstream("Quay.IO"));
        assertEquals("index.docker.io", s.upstream("index.docker.io"));
        assertEquals("https://registry-1.docker.io", ContainerdConfigService.server("index.docker.io"));
        assertEquals(
                400,
                assertThrows(CatalogException.class, () -> s.upstream("x/y"))
                        .code()
                        .status());
    }
}
