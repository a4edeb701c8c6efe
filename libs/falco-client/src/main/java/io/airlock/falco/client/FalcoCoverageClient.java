package io.airlock.falco.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Reads falco-index-service's kernel coverage ({@code GET /api/v1/coverage}: the report on the node set last declared
 * there). What a caller may rely on: {@link #coverage()} never throws and waits at most the timeout; every outcome,
 * falco-index-service being down included, is an {@link Answer}.
 */
public final class FalcoCoverageClient {
    /**
     * @param url falco-index-service's base URL, e.g. {@code http://falco-index:8081}
     * @param user user for HTTP Basic when reads need a credential; blank: none is sent
     * @param password its password
     * @param timeout connect and response timeout of one request
     */
    public record Settings(URI url, String user, String password, Duration timeout) {}

    /** What falco-index-service answered. */
    public sealed interface Answer {
        /** The report on the declared node set. */
        record Report(KernelCoverage coverage) implements Answer {}

        /** falco-index-service runs but no node set was declared to it yet. */
        record NoNodes() implements Answer {}

        /** No usable answer: unreachable, timed out, refused, or not a report; {@code reason} says which. */
        record Unavailable(String reason) implements Answer {}
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Settings settings;
    private final URI endpoint;
    private final HttpClient http;

    public FalcoCoverageClient(Settings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.url().toString().replaceAll("/+$", "") + "/api/v1/coverage");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
    }

    /** The endpoint asked, for messages. */
    public URI endpoint() {
        return endpoint;
    }

    /** The report on the declared node set, as falco-index-service computes it now. */
    public Answer coverage() {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET();
        if (settings.user() != null
                && !settings.user().isBlank()
                && settings.password() != null
                && !settings.password().isBlank()) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((settings.user() + ":" + settings.password())
                                            .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Answer.Unavailable("falco-index-service unreachable at " + endpoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unavailable("interrupted while asking " + endpoint);
        }
        int status = response.statusCode();
        if (status == 404) {
            return new Answer.NoNodes();
        }
        if (status != 200) {
            return new Answer.Unavailable("falco-index-service answered HTTP " + status + " to GET " + endpoint);
        }
        try {
            KernelCoverage coverage = JSON.readValue(response.body(), KernelCoverage.class);
            if (coverage.nodes() == null || coverage.missing() == null) {
                return new Answer.Unavailable("GET " + endpoint + " did not answer a coverage report");
            }
            return new Answer.Report(coverage);
        } catch (IOException e) {
            return new Answer.Unavailable("GET " + endpoint + " did not answer a coverage report: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
