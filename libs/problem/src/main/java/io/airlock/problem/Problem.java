package io.airlock.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, the body of every error an admin API answers ({@code application/problem+json}). Members
 * without a value are left out rather than sent as {@code null}: the RFC makes each optional, and {@code "instance":
 * null} is no URI reference.
 *
 * @param type a URI naming the error ({@code urn:airlock:catalog:invalid-digest}), or {@code about:blank}
 * @param title the error's short, fixed summary
 * @param status the HTTP status
 * @param detail what was wrong with this request, for a human
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
