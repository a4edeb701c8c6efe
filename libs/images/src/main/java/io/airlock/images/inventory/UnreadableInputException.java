package io.airlock.images.inventory;

/**
 * An input as a whole is not what its kind promises (not YAML, not JSON, not a pod list): nothing of it is taken. A
 * malformed reference inside a readable input is an {@link InventoryProblem} instead.
 */
public class UnreadableInputException extends IllegalArgumentException {
    private final String source;

    public UnreadableInputException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
