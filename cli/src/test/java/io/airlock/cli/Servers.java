package io.airlock.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Real servers on loopback for the tests: processes (stopped by {@link #close}) and a JDK file server. */
final class Servers implements AutoCloseable {
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> services = new java.util.HashMap<>();
    private final List<HttpServer> httpServers = new ArrayList<>();

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts a process with its output in {@code log}. */
    Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** The Debian CNCF distribution registry with filesystem storage under {@code dir}; answers its base URL. */
    String dockerRegistry(Path dir) throws Exception {
        int port = freePort();
        Path config = dir.resolve("config.yml");
        Files.createDirectories(dir.resolve("storage"));
        Files.writeString(
                config,
                "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                        + dir.resolve("storage") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        start(List.of("/usr/bin/docker-registry", "serve", config.toString()), Map.of(), dir.resolve("registry.log"));
        String base = "http://127.0.0.1:" + port;
        waitFor(URI.create(base + "/v2/"), 200, Duration.ofSeconds(30), dir.resolve("registry.log"));
        return base;
    }

    /** A packaged Airlock service jar on a free port; answers its base URL once /q/health/ready says UP. */
    String airlockService(Path jar, Path dataDir, String password) throws Exception {
        return airlockService(jar, dataDir, password, dataDir.resolve("service.log"));
    }

    /** As above with the log elsewhere, so that two services can share one data directory (as ./airlock start). */
    String airlockService(Path jar, Path dataDir, String password, Path log) throws Exception {
        return airlockService(jar, dataDir, password, log, Map.of());
    }

    /** As above with more environment, e.g. where the catalog finds falco-index-service. */
    String airlockService(Path jar, Path dataDir, String password, Path log, Map<String, String> more)
            throws Exception {
        int port = freePort();
        Files.createDirectories(dataDir);
        Map<String, String> env = new java.util.HashMap<>(more);
        env.putAll(Map.of(
                "QUARKUS_HTTP_PORT",
                String.valueOf(port),
                "QUARKUS_HTTP_HOST",
                "127.0.0.1",
                "AIRLOCK_DATA_DIR",
                dataDir.toString(),
                "AIRLOCK_ADMIN_USER",
                "admin",
                "AIRLOCK_ADMIN_PASSWORD",
                password));
        String base = "http://127.0.0.1:" + port;
        services.put(base, start(List.of(javaBin(), "-Xmx256m", "-jar", jar.toString()), env, log));
        return base;
    }

    /** Stops the service started at {@code base} and waits until it is gone. */
    void stopService(String base) throws InterruptedException {
        Process p = services.remove(base);
        if (p == null) {
            throw new IllegalArgumentException("no service started at " + base);
        }
        p.destroy();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    static void awaitReady(String base, Path log) throws Exception {
        waitFor(URI.create(base + "/q/health/ready"), 200, Duration.ofSeconds(120), log);
    }

    /** Serves the files under {@code root} (paths decoded, so {@code %2B} finds {@code +}) with Last-Modified. */
    String fileServer(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Path file = root.resolve(exchange.getRequestURI().getPath().substring(1))
                        .normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders()
                        .add(
                                "Last-Modified",
                                DateTimeFormatter.RFC_1123_DATE_TIME.format(Files.getLastModifiedTime(file)
                                        .toInstant()
                                        .atZone(ZoneOffset.UTC)));
                exchange.sendResponseHeaders(200, Files.size(file));
                try (InputStream in = Files.newInputStream(file);
                        OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        });
        server.start();
        httpServers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes {@code size} pseudo-random bytes, streaming (never the whole file in memory). */
    static void randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buf[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    /** The status of a HEAD request. */
    static int head(String url) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** An HTTP Basic Authorization header value. */
    static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Tampering: flips one byte in the middle of the first tar entry whose name contains {@code needle}. */
    static void flipByteIn(Path bundle, String needle) throws IOException {
        long offset = -1;
        try (org.apache.commons.compress.archivers.tar.TarFile tar =
                new org.apache.commons.compress.archivers.tar.TarFile(bundle.toFile())) {
            for (org.apache.commons.compress.archivers.tar.TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().contains(needle)) {
                    offset = e.getDataOffset() + e.getSize() / 2;
                    break;
                }
            }
        }
        if (offset <= 0) {
            throw new AssertionError("no entry named like " + needle + " in " + bundle);
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(bundle.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void waitFor(URI uri, int status, Duration timeout, Path log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = HTTP.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        throw new IllegalStateException(uri + " did not answer " + status + " within " + timeout + "; log:\n"
                + tail.substring(Math.max(0, tail.length() - 3000)));
    }

    @Override
    public void close() {
        httpServers.forEach(s -> s.stop(0));
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
