package io.airlock.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String D = "sha256:" + "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx:latest",
        "nginx:1.25, docker.io/library/nginx:1.25",
        "library/nginx:1.25, docker.io/library/nginx:1.25",
        "docker.io/nginx, docker.io/library/nginx:latest",
        "index.docker.io/nginx:1, docker.io/library/nginx:1",
        "registry-1.docker.io/bitnami/redis:7, docker.io/bitnami/redis:7",
        "bitnami/redis, docker.io/bitnami/redis:latest",
        "registry.k8s.io/pause:3.9, registry.k8s.io/pause:3.9",
        "quay.io/prometheus/prometheus:v2.50.0, quay.io/prometheus/prometheus:v2.50.0",
        "ghcr.io/aquasecurity/trivy:0.50.1, ghcr.io/aquasecurity/trivy:0.50.1",
        "localhost/app, localhost/app:latest",
        "localhost:5000/app:1, localhost:5000/app:1",
        "127.0.0.1:5000/team/app, 127.0.0.1:5000/team/app:latest",
        "Registry.Example.COM/team/app:v1, registry.example.com/team/app:v1",
        "'  nginx:1.25  ', docker.io/library/nginx:1.25",
    })
    void normalizesAsContainerdDoes(String input, String expected) {
        assertEquals(expected, ImageReference.parse(input).toString());
    }

    @Test
    void keepsDigestsWithAndWithoutTag() {
        ImageReference byDigest = ImageReference.parse("nginx@" + D);
        assertEquals("docker.io/library/nginx@" + D, byDigest.toString());
        assertEquals(null, byDigest.tag());
        assertEquals(D, byDigest.manifestReference());

        ImageReference both = ImageReference.parse("quay.io/a/b:1.0@" + D);
        assertEquals("1.0", both.tag());
        assertEquals(D, both.digest());
        assertEquals(D, both.manifestReference());
        assertEquals("quay.io/a/b:1.0@" + D, both.toString());
    }

    @Test
    void mirrorRepositoryIsTheFullNameWithPortsSpelledAsUnderscore() {
        assertEquals("docker.io/library/nginx", ImageReference.parse("nginx").mirrorRepository());
        assertEquals(
                "registry.k8s.io/pause",
                ImageReference.parse("registry.k8s.io/pause:3.9").mirrorRepository());
        assertEquals(
                "localhost_5000/app", ImageReference.parse("localhost:5000/app").mirrorRepository());
        assertEquals("docker.io/library/nginx", ImageReference.mirrorRepository("index.docker.io", "library/nginx"));
        assertEquals("quay.io/library/nginx", ImageReference.mirrorRepository("quay.io", "library/nginx"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "Nginx",
                "docker.io/Library/nginx",
                "nginx:",
                "nginx:-bad",
                "nginx@sha256:abc",
                "nginx@sha256:" + "A" + "a",
                "nginx@",
                "a//b",
                "/nginx",
                "nginx/",
                "quay.io/",
                "host:99x/app",
                "ng inx",
                "-bad.example/app",
                "quay.io/a/_b",
            })
    void refusesMalformedReferencesWithAReason(String input) {
        InvalidImageReferenceException e =
                assertThrows(InvalidImageReferenceException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().startsWith("invalid image reference"), e.getMessage());
    }

    @Test
    void refusesNamesOverTheLimit() {
        String longPath = "a/".repeat(130) + "b";
        assertThrows(InvalidImageReferenceException.class, () -> ImageReference.parse("quay.io/" + longPath));
    }

    @Test
    void uppercaseFirstComponentIsARegistryAsInDocker() {
        assertEquals("myhost/app:latest", ImageReference.parse("MYHOST/app").toString());
    }
}
