package io.airlock.falco.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the client answers when falco-index-service is not there; falco-index-service's own tests read its real report
 * through this client.
 */
class FalcoCoverageClientTest {

    @Test
    void aServiceThatIsDownIsAnAnswerNotAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        FalcoCoverageClient client = new FalcoCoverageClient(new FalcoCoverageClient.Settings(
                URI.create("http://127.0.0.1:" + port + "/"), "admin", "secret", Duration.ofSeconds(2)));
        assertEquals(URI.create("http://127.0.0.1:" + port + "/api/v1/coverage"), client.endpoint());
        long start = System.nanoTime();
        FalcoCoverageClient.Answer answer = client.coverage();
        FalcoCoverageClient.Answer.Unavailable down =
                assertInstanceOf(FalcoCoverageClient.Answer.Unavailable.class, answer);
        assertTrue(down.reason().contains("unreachable at " + client.endpoint()), down.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0, "bounded wait");
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections (backlog) but never answers
            FalcoCoverageClient client = new FalcoCoverageClient(new FalcoCoverageClient.Settings(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), "", "", Duration.ofMillis(500)));
            long start = System.nanoTime();
            FalcoCoverageClient.Answer answer = client.coverage();
            assertInstanceOf(FalcoCoverageClient.Answer.Unavailable.class, answer);
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                    "waited about the timeout, not forever");
        }
    }
}
