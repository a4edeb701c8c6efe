package io.airlock.problem;

import java.util.Locale;

/**
 * One entry of a service's error-code registry: an enum per service ({@link CommonError} for what every admin API
 * answers, plus the service's own codes) whose constants carry the HTTP status and a fixed title. The problem
 * {@code type} is {@code urn:airlock:<service>:<code>}, the service named by {@link ProblemConfig#service()}, so that a
 * client can tell a catalog's {@code invalid-digest} from falco-index's {@code invalid-driver-name} without parsing the
 * detail.
 */
public interface ErrorCode {

    /** The HTTP status this code is answered with. */
    int status();

    /** The short summary that is the same for every occurrence (RFC 9457 {@code title}). */
    String title();

    /** The enum constant's name; implemented by every enum. */
    String name();

    /** The code as it appears in the type URI: the constant's name in lower case, words joined by {@code -}. */
    default String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The problem {@code type} URI of this code in {@code service}. */
    default String type(String service) {
        return "urn:airlock:" + service + ":" + code();
    }
}
