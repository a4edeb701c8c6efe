package io.airlock.falco.api;

/**
 * A refusal the admin API renders as RFC 9457 {@code application/problem+json} (see {@link ProblemMapper}). Thrown by
 * the service beans for input they refuse: its status is what the client did wrong, its detail says what and why.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;

    public ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
