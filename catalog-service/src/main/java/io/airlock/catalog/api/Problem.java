package io.airlock.catalog.api;

/**
 * RFC 9457 problem details, the body of every error the catalog answers ({@code application/problem+json}).
 *
 * @param type a URI naming the error ({@code urn:airlock:catalog:invalid-digest})
 * @param title the error's short, fixed summary
 * @param status the HTTP status
 * @param detail what was wrong with this request, for a human
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
