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
}
