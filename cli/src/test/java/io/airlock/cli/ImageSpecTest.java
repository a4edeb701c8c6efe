package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.cli.create.BundleCreator.ImageJob;
import io.airlock.cli.create.BundleCreator.Job;
import io.airlock.cli.create.ImageLists;
import io.airlock.cli.create.RegistryAuth;
import io.airlock.cli.importer.ImageTarget;
import io.airlock.cli.spec.BundleSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images section: references, lists, upstream URLs, platforms, credentials, gaps and import targets. */
class ImageSpecTest {
    @TempDir
    Path tmp;

    private List<String> refs(List<Job> jobs) {
        return jobs.stream()
                .filter(j -> j instanceof ImageJob)
                .map(j -> ((ImageJob) j).reference().toString())
                .toList();
    }

    @Test
    void referencesAndListsAreNormalizedOnceEachFromTheirUpstreams() throws Exception {
        Files.writeString(
                tmp.resolve("images.txt"),
                "# inventory\nnginx:1.25   # Docker Hub short form\n\nregistry.k8s.io/pause:3.9\n"
                        + "index.docker.io/library/nginx:1.25\nlocalhost:5000/app@sha256:" + "a".repeat(64) + "\n");
        Path spec = tmp.resolve("bundle.yaml");
        Files.writeString(
                spec,
                "images:\n  references: [\"docker.io/library/nginx:1.25\", busybox]\n  files: [images.txt]\n"
                        + "  registries:\n    docker.io: https://mirror.example/\n  platforms: [\"linux/amd64,linux/arm64\"]\n");
        List<Job> jobs = BundleCommand.Create.jobs(BundleSpec.read(spec), List.of(), spec);
        assertEquals(
                List.of(
                        "docker.io/library/nginx:1.25",
                        "docker.io/library/busybox:latest",
                        "registry.k8s.io/pause:3.9",
                        "localhost:5000/app@sha256:" + "a".repeat(64)),
                refs(jobs));
        ImageJob nginx = (ImageJob) jobs.get(0);
        assertEquals("https://mirror.example/", nginx.url());
        assertEquals(List.of("linux/amd64", "linux/arm64"), nginx.platforms());
        ImageJob pause = (ImageJob) jobs.stream()
                .filter(j -> ((ImageJob) j).reference().registry().equals("registry.k8s.io"))
                .findFirst()
                .orElseThrow();
        assertEquals("https://registry.k8s.io", pause.url());
        assertEquals("https://registry-1.docker.io", ImageLists.upstreamUrl(null, "docker.io"));
    }

    @Test
    void aBadReferenceNamesItsList() throws Exception {
        Path list = tmp.resolve("bad.txt");
        Files.writeString(list, "ok:1\nNot/Lower:1\n");
        CliException e = assertThrows(
                CliException.class, () -> ImageLists.jobs(null, ImageLists.read(list), "image list " + list));
        assertTrue(e.getMessage().contains("image list " + list), e.getMessage());
        assertThrows(CliException.class, () -> ImageLists.platforms(List.of("amd64")));
    }

    @Test
    void theCatalogsImageGapsAreCarried() throws Exception {
        Path report = tmp.resolve("catalog.json");
        Files.writeString(
                report,
                "{\"gaps\":[{\"type\":\"container-image\",\"subject\":\"docker.io/library/nginx:1.25\","
                        + "\"missing\":\"docker.io/library/nginx:1.25\",\"nodes\":0,\"message\":\"m\"},"
                        + "{\"type\":\"container-image\",\"subject\":\"quay.io/a/b:1\",\"missing\":\"quay.io/a/b@sha256:"
                        + "b".repeat(64) + "\",\"nodes\":0,\"message\":\"m\"}],\"opensearchVersions\":[]}");
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, "images:\n  references: [\"nginx:1.25\"]\n");
        List<Job> jobs = BundleCommand.Create.jobs(BundleSpec.read(spec), List.of(report), spec);
        assertEquals(List.of("docker.io/library/nginx:1.25", "quay.io/a/b@sha256:" + "b".repeat(64)), refs(jobs));
    }

    @Test
    void credentialsFromADockerConfig() throws Exception {
        Path config = tmp.resolve("config.json");
        String hub = Base64.getEncoder().encodeToString("u1:p:1".getBytes(StandardCharsets.UTF_8));
        String ghcr = Base64.getEncoder().encodeToString("u2:p2".getBytes(StandardCharsets.UTF_8));
        Files.writeString(
                config,
                "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + hub + "\"},\"ghcr.io\":{\"auth\":\"" + ghcr
                        + "\"}}}");
        RegistryAuth auth = RegistryAuth.read(config);
        assertEquals(
                new RegistryAuth.Credential("u1", "p:1"),
                auth.forHost("docker.io").orElseThrow());
        assertEquals("u2", auth.forHost("ghcr.io").orElseThrow().user());
        assertTrue(auth.forHost("quay.io").isEmpty());
    }

    @Test
    void anotherRegistryWithAPrefixKeepsTheUpstreamPath() {
        ImageTarget t = ImageTarget.parse("harbor.internal/mirror");
        assertEquals(new ImageTarget("https://harbor.internal", "mirror"), t);
        assertEquals("mirror/library/nginx", ImageTarget.repository("mirror", "docker.io/library/nginx"));
        assertEquals("mirror/pause", ImageTarget.repository("mirror", "registry.k8s.io/pause"));
        assertEquals("docker.io/library/nginx", ImageTarget.repository(null, "docker.io/library/nginx"));
        assertEquals(new ImageTarget("http://127.0.0.1:5000", null), ImageTarget.parse("http://127.0.0.1:5000/"));
        assertThrows(CliException.class, () -> ImageTarget.parse("harbor/Mirror"));
    }
}
