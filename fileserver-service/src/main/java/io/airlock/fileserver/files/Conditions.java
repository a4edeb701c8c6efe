package io.airlock.fileserver.files;

import io.airlock.storage.BlobInfo;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The request headers that make a GET conditional or partial (RFC 9110 §13, §14).
 *
 * @param ifNoneMatch {@code If-None-Match}
 * @param ifModifiedSince {@code If-Modified-Since}
 * @param range {@code Range}
 * @param ifRange {@code If-Range}
 */
public record Conditions(
        Optional<String> ifNoneMatch,
        Optional<String> ifModifiedSince,
        Optional<String> range,
        Optional<String> ifRange) {

    public static Conditions none() {
        return new Conditions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The strong ETag of a version: its sha256, quoted. */
    public static String etag(BlobInfo info) {
        return "\"" + info.sha256() + "\"";
    }

    /** True when the client's cached copy is still current: answer 304. */
    boolean notModified(BlobInfo info) {
        if (ifNoneMatch.isPresent()) { // when present, If-Modified-Since is ignored
            return matchesAny(ifNoneMatch.get(), etag(info));
        }
        return ifModifiedSince
                .flatMap(Conditions::parseHttpDate)
                .map(since ->
                        !info.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    /** The Range header to honour: dropped when If-Range names another version. */
    Optional<String> effectiveRange(BlobInfo info) {
        if (range.isEmpty() || ifRange.isEmpty()) {
            return range;
        }
        String v = ifRange.get().strip();
        if (v.startsWith("\"")) {
            return v.equals(etag(info)) ? range : Optional.empty();
        }
        return parseHttpDate(v)
                .filter(d -> d.equals(info.lastModified().truncatedTo(ChronoUnit.SECONDS)))
                .flatMap(d -> range);
    }

    private static boolean matchesAny(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static Optional<Instant> parseHttpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
