package io.airlock.fileserver.files;

/** A request the file server cannot act on as sent (malformed header, wrong target); answered 400 in plain text. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
