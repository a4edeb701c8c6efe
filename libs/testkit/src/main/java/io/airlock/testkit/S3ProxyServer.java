package io.airlock.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real S3 API server (s3proxy) in its own process on a free loopback port, for tests. Its jar comes from the build
 * (system property {@code airlock.s3proxy.jar}, set by the parent POM) or the local Maven repository.
 *
 * <p>{@link #stop()} kills it, and {@link #start()} on the same instance brings it back on the same port with the same
 * content when it uses a directory: tests use that to take object storage away and back.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "airlock-test-access";
    public static final String SECRET_KEY = "airlock-test-secret-key";
    private static final String VERSION = "4.1.0";

    private final Path workDir;
    private final int port;
    private final boolean onDisk;
    private Process process;

    private S3ProxyServer(Path workDir, int port, boolean onDisk) {
        this.workDir = workDir;
        this.port = port;
        this.onDisk = onDisk;
    }

    /** An in-memory server (content is lost on stop). */
    public static S3ProxyServer inMemory() {
        return create(false);
    }

    /** A server keeping its content in a temporary directory (survives stop/start). */
    public static S3ProxyServer onDisk() {
        return create(true);
    }

    private static S3ProxyServer create(boolean onDisk) {
        try {
            return new S3ProxyServer(Files.createTempDirectory("s3proxy-"), freePort(), onDisk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized S3ProxyServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path props = workDir.resolve("s3proxy.properties");
            Files.writeString(
                    props,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=" + (onDisk ? "filesystem-nio2" : "transient-nio2"),
                            "jclouds.identity=" + ACCESS_KEY,
                            "jclouds.credential=" + SECRET_KEY,
                            "jclouds.filesystem.basedir=" + data,
                            ""));
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.add("-Xmx256m");
            cmd.add("-jar");
            cmd.add(jar().toString());
            cmd.add("--properties");
            cmd.add(props.toString());
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("s3proxy.log").toFile())
                    .start();
            awaitPort(Duration.ofSeconds(60));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    static Path jar() {
        String configured = System.getProperty("airlock.s3proxy.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        Path local = Path.of(
                System.getProperty("user.home"),
                ".m2/repository/org/gaul/s3proxy",
                VERSION,
                "s3proxy-" + VERSION + "-jar-with-dependencies.jar");
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new IllegalStateException("s3proxy jar not found: set -Dairlock.s3proxy.jar or run the Maven build");
    }

    private void awaitPort(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue() + ", see "
                        + workDir.resolve("s3proxy.log") + ":\n" + Files.readString(workDir.resolve("s3proxy.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IOException("s3proxy did not open port " + port + " within " + timeout);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
