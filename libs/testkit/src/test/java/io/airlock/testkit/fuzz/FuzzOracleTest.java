package io.airlock.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle of the fuzz tests fails when it should: a real HTTP server on loopback gives each kind of bad answer
 * ({@link FuzzRunner}) and a real directory gets each kind of stray write ({@link DiskWatch}). Without these, a fuzz
 * test that reports "failures 0" could be a judge that never convicts.
 */
class FuzzOracleTest {
    private HttpServer server;
    private int port;

    @TempDir
    Path tmp;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, 404, "text/plain", "Not Found"));
        server.createContext("/boom", exchange -> answer(exchange, 500, "text/plain", "boom"));
        server.createContext("/page", exchange -> answer(exchange, 404, "text/html", "<html>Not Found</html>"));
        server.createContext("/drop", exchange -> {
            throw new IOException("closing without an answer");
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 404, "text/plain", "late");
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private FuzzRunner.FuzzReport run(String path, int n) {
        return FuzzRunner.against("oracle", port, 11)
                .requests(n)
                .timeout(Duration.ofSeconds(1))
                .format(r -> ErrorFormat.PLAIN)
                .run(in -> FuzzRequest.of("GET", path));
    }

    @Test
    void aServerThatAnswersWellPassesTheJudge() {
        FuzzRunner.FuzzReport report = run("/fine", 5);
        assertEquals(List.of(), report.failures());
        assertEquals(5, report.statuses().get(404));
        assertDoesNotThrow(report::assertClean);
    }

    @Test
    void a500FailsTheRunWithTheRequestToReplay() {
        FuzzRunner.FuzzReport report = run("/boom", 3);
        assertEquals(3, report.failures().size(), report.summary());
        assertTrue(
                report.failures().get(0).contains("server error 500"),
                report.failures().get(0));
        AssertionError e = assertThrows(AssertionError.class, report::assertClean);
        assertTrue(e.getMessage().contains("server error 500"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dairlock.fuzz.seed=11 -Dairlock.fuzz.only=0"), e.getMessage());
    }

    @Test
    void anErrorInTheWrongFormatFailsTheRun() {
        FuzzRunner.FuzzReport report = run("/page", 2);
        assertEquals(2, report.failures().size(), report.summary());
        assertTrue(
                report.failures().get(0).contains("wrong error format (404)"),
                report.failures().get(0));
        assertThrows(AssertionError.class, report::assertClean);
    }

    @Test
    void aDroppedConnectionAndAHangFailTheRun() {
        FuzzRunner.FuzzReport dropped = run("/drop", 1);
        assertEquals(1, dropped.failures().size(), dropped.summary());
        assertTrue(
                dropped.failures().get(0).contains("connection closed without an answer"),
                dropped.failures().get(0));
        FuzzRunner.FuzzReport hang = run("/slow", 1);
        assertEquals(1, hang.failures().size(), hang.summary());
        assertTrue(hang.failures().get(0).contains("HANG"), hang.failures().get(0));
    }

    @Test
    void diskWatchAcceptsWritesInsideTheStoreOnly() throws IOException {
        Path store = Files.createDirectories(tmp.resolve("data/store"));
        Path other = Files.createDirectories(tmp.resolve("data/other"));
        Files.writeString(other.resolve("kept.txt"), "as before");
        DiskWatch watch = DiskWatch.start(List.of(store), List.of(tmp.resolve("data")));

        Files.writeString(store.resolve("inside.bin"), "stored");
        assertEquals(List.of(), watch.changes(), "a write inside the store is no change");
        assertDoesNotThrow(watch::assertNothingOutside);

        Files.writeString(other.resolve("escaped.txt"), "written outside");
        AssertionError e = assertThrows(AssertionError.class, watch::assertNothingOutside);
        assertTrue(e.getMessage().contains("new: " + other.resolve("escaped.txt")), e.getMessage());
    }

    @Test
    void diskWatchSeesAChangedFileACanaryAndAFuzzNamedFile() throws IOException {
        Path store = Files.createDirectories(tmp.resolve("data/store"));
        Path kept = Files.writeString(tmp.resolve("data/kept.txt"), "as before");
        Path searched = Files.createDirectories(tmp.resolve("build"));
        DiskWatch watch =
                DiskWatch.start(List.of(store), List.of(tmp.resolve("data"))).alsoSearch(searched);

        Files.writeString(kept, "changed, and longer than before");
        Files.writeString(watch.canaries().get(0).resolve("dropped.txt"), "into the canary");
        Files.writeString(searched.resolve("x" + HostileInputs.MARKER + "1.zip"), "a made-up name");

        List<String> changes = watch.changes();
        assertTrue(changes.contains("changed: " + kept), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.startsWith("in canary: ")), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.startsWith("fuzz-named file: ")), changes.toString());
        assertThrows(AssertionError.class, watch::assertNothingOutside);
    }
}
