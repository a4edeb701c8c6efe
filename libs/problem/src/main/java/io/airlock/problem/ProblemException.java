package io.airlock.problem;

import java.util.Map;

/**
 * A refusal the client can act on: an {@link ErrorCode} (with its status) and a detail saying what was wrong with this
 * request. Thrown by services and domain code alike; {@link ProblemMapper} renders it.
 */
public class ProblemException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> headers;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    /** With response headers the answer needs, such as {@code Retry-After} on a 503. */
    public ProblemException(ErrorCode code, String detail, Map<String, String> headers) {
        super(detail);
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
