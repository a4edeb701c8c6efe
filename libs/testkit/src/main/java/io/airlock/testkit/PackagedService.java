package io.airlock.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as its own process on a free loopback
 * port, the way an operator starts it, for integration tests ({@code *IT}, run by failsafe after {@code package}).
 *
 * <p>The process sees only the settings given here: {@code AIRLOCK_*} and {@code QUARKUS_*} variables of the build's
 * environment are removed, so a developer's shell cannot change what a test proves.
 */
public final class PackagedService implements AutoCloseable {
    /** The system property naming the module's packaged jar (set by the parent POM's failsafe configuration). */
    public static final String JAR_PROPERTY = "airlock.it.jar";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar named by {@value #JAR_PROPERTY}; fails (never skips) when it was not built. */
    public static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("no packaged jar at " + configured + " (" + JAR_PROPERTY
                    + "): integration tests run after 'package', e.g. mvn -B verify");
        }
        return Path.of(configured);
    }

    /**
     * Starts {@link #jar()} with {@code AIRLOCK_DATA_DIR=<dir>/data}, its log in {@code <dir>/<name>.log}, and
     * {@code env} on top; returns once {@code /q/health/ready} answers 200 (within {@code -Dairlock.it.readySeconds},
     * 300 by default: on a machine shared by several builds the catalog's embedded PostgreSQL alone took 40 s).
     */
    public static PackagedService start(String name, Path dir, Map<String, String> env) {
        try {
            Files.createDirectories(dir);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Xmx256m");
            command.add("-jar");
            command.add(jar().toString());
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = pb.environment();
            environment.keySet().removeIf(k -> k.startsWith("AIRLOCK_") || k.startsWith("QUARKUS_"));
            Map<String, String> settings = new HashMap<>();
            settings.put("AIRLOCK_DATA_DIR", dir.resolve("data").toString());
            settings.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            settings.putAll(env);
            settings.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            environment.putAll(settings);
            PackagedService service = new PackagedService(name, pb.start(), port, log);
            service.awaitReady(Duration.ofSeconds(Long.getLong("airlock.it.readySeconds", 300)));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What the process printed so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as a node or the kernel's OOM killer would: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM and wait (a forced kill after 30 s). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before it was ready; its log:\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log:\n" + tail());
    }

    private String tail() {
        String text = log();
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
