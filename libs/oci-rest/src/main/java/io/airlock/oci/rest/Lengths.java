package io.airlock.oci.rest;

import io.airlock.oci.OciError;
import io.airlock.oci.OciException;

/** The request's Content-Length header as a number. */
public final class Lengths {
    private Lengths() {}

    /** -1 when absent (chunked transfer); SIZE_INVALID when not a non-negative number. */
    public static long parse(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            long n = Long.parseLong(header.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new OciException(OciError.SIZE_INVALID, "Content-Length is not a length: " + header);
        }
    }
}
