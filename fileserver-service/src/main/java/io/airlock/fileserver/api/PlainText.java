package io.airlock.fileserver.api;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * The file server's one error format: a short plain-text line with the status, never an HTML page (the Falco driver
 * loader and opensearch-plugin judge by status code, and a 200 with a page would be taken as a driver).
 */
final class PlainText {
    private PlainText() {}

    static Response response(int status, String message, boolean withBody) {
        String text = message + "\n";
        Response.ResponseBuilder r = Response.status(status)
                .type("text/plain; charset=utf-8")
                .header("Content-Length", text.getBytes(StandardCharsets.UTF_8).length);
        return (withBody ? r.entity(text) : r).build();
    }
}
