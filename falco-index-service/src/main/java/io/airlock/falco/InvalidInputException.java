package io.airlock.falco;

/**
 * Input this service refuses (a malformed driver name, a wrong arch, content that cannot be a driver, a node document
 * or index it cannot read). The message says what was wrong in words an operator can act on; the admin API answers 400.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
