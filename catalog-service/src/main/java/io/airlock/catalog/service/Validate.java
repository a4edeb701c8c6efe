package io.airlock.catalog.service;

import io.airlock.catalog.domain.CatalogException;

/** Input checks shared by the services; each failure says which field and why. */
final class Validate {
    private Validate() {}

    static String required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw CatalogException.badRequest(field + " is required");
        }
        return optional(value, field, maxLength);
    }

    static String optional(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw CatalogException.badRequest(field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw CatalogException.badRequest(field + " contains a control character");
            }
        }
        return value.isBlank() ? null : value.strip();
    }

    private static final java.time.Instant EARLIEST = java.time.Instant.parse("1970-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");

    /** A time the database can hold and a human could mean: 1970 to 9999 (the year 999999999 is a 400, not a 500). */
    static java.time.Instant optional(java.time.Instant value, String field) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw CatalogException.badRequest(field + " must be between 1970 and 9999, got " + value);
        }
        return value;
    }
}
