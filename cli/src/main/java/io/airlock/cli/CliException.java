package io.airlock.cli;

/**
 * A failure the operator can act on: rendered as ONE line on stderr ({@code airlock: <what>. <what to do next>}) and a
 * non-zero exit code. Anything else that escapes a command is a bug and shows its stack trace.
 */
public final class CliException extends RuntimeException {
    /** Exit code when the bundle or its signature is refused. */
    public static final int REFUSED = 3;
    /** Exit code when an upstream or a target service failed. */
    public static final int REMOTE = 4;
    /** Exit code for wrong usage or unreadable local files. */
    public static final int USAGE = 2;

    private final int exitCode;
    private final String next;

    public CliException(int exitCode, String message, String next) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.next = next;
    }

    public static CliException refused(String message, String next) {
        return new CliException(REFUSED, message, next);
    }

    public static CliException remote(String message, String next) {
        return new CliException(REMOTE, message, next);
    }

    public static CliException usage(String message, String next) {
        return new CliException(USAGE, message, next);
    }

    public int exitCode() {
        return exitCode;
    }

    /** What to do next, or null. */
    public String next() {
        return next;
    }

    /** The one line the operator sees. */
    public String line() {
        return next == null || next.isBlank() ? getMessage() : getMessage() + ". " + next;
    }
}
