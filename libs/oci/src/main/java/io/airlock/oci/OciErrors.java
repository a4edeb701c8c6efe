package io.airlock.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;

/** The one renderer of OCI errors: {@code {"errors":[{"code":"...","message":"...","detail":"..."}]}}. */
public final class OciErrors {
    /** Content type of an error body. */
    public static final String CONTENT_TYPE = "application/json";

    private OciErrors() {}

    /** One entry of the spec's {@code errors} array. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String code, String message, String detail) {}

    /** The spec's error body. */
    public record Body(List<Entry> errors) {}

    public static Body body(OciException e) {
        return new Body(List.of(new Entry(e.error().name(), e.error().message(), e.detail())));
    }

    /** The JSON body for {@code e}, as UTF-8 bytes. */
    public static byte[] render(OciException e) {
        try {
            return OciJson.MAPPER.writeValueAsBytes(body(e));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
