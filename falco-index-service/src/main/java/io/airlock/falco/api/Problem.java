package io.airlock.falco.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The RFC 9457 body every error of the admin API carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
