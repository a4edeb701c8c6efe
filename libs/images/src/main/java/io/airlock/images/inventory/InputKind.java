package io.airlock.images.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of input an inventory reads. */
public enum InputKind {
    /** One reference a line; {@code #} starts a comment; blank lines are ignored. */
    LIST("list"),
    /** Multi-document YAML as {@code helm template} and {@code helmfile template} print it. */
    HELM("helm"),
    /** {@code kubectl get pods -A -o json}: a {@code List} of pods, or one pod. */
    PODS("pods");

    private final String id;

    InputKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<InputKind> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }

    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(InputKind::id).toList());
    }
}
