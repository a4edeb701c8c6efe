package io.airlock.images.inventory;

/**
 * Something in an input that is not an image reference, or an input that cannot be read; reported, never thrown as
 * a stack trace.
 *
 * @param source the input's name
 * @param location inside it ({@code line 7}, {@code pod ns/name container c}), or null for the input as a whole
 * @param message what is wrong, in one sentence
 */
public record InventoryProblem(String source, String location, String message) {
    @Override
    public String toString() {
        return source + (location == null ? "" : ": " + location) + ": " + message;
    }
}
