package io.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock images inventory} from the shaded jar, as an operator runs it with a 128 MiB heap: a 5,000-pod
 * {@code kubectl get pods -A -o json} (about 40 MB) is read in bounded memory.
 */
class ImagesInventoryIT {
    @TempDir
    Path tmp;

    @Test
    void fiveThousandPodsWithA128MiBHeap() throws Exception {
        Path jar = Path.of(System.getProperty("airlock.cli.jar", "target/airlock.jar"));
        Prerequisites.require(Files.isRegularFile(jar), "the airlock jar is built by 'package': " + jar);
        Path pods = tmp.resolve("pods.json");
        String padding = "\"annotations\":{\"note\":\"" + "x".repeat(7000) + "\"}";
        try (OutputStream out = Files.newOutputStream(pods)) {
            out.write("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 5000; i++) {
                String pod = (i == 0 ? "" : ",") + "{\"kind\":\"Pod\",\"metadata\":{\"namespace\":\"ns-" + (i % 40)
                        + "\",\"name\":\"pod-" + i + "\"," + padding + "},\"spec\":{\"initContainers\":[{\"name\":"
                        + "\"init\",\"image\":\"busybox:1.36\"}],\"containers\":[{\"name\":\"app\",\"image\":"
                        + "\"registry.example.com/team/app-" + (i % 60) + ":1.0\"}]},\"status\":{}}";
                out.write(pod.getBytes(StandardCharsets.UTF_8));
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(pods) > 35_000_000, "size " + Files.size(pods));
        Cli.Run run = new Cli(jar, tmp).run("images", "inventory", "--pods", pods.toString(), "--format", "list");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(61, run.out().lines().count());
        assertEquals(
                "docker.io/library/busybox:1.36", run.out().lines().findFirst().orElseThrow());
    }
}
