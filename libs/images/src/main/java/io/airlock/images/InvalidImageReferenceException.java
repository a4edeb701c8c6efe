package io.airlock.images;

/** A string that is not an image reference as containerd reads one; the message says which part is wrong. */
public class InvalidImageReferenceException extends IllegalArgumentException {
    private final String reference;

    public InvalidImageReferenceException(String reference, String why) {
        super("invalid image reference \"" + abbreviate(reference) + "\": " + why);
        this.reference = reference;
    }

    /** The input as given. */
    public String reference() {
        return reference;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
