package io.airlock.auth;

import java.net.URI;

/**
 * The {@code WWW-Authenticate} values of the suite's 401 answers, written once. HTTP Basic (RFC 7617, with the
 * charset parameter so that clients send UTF-8) for the file server and the admin APIs; Bearer (the Docker/OCI token
 * flow) for a registry that hands out tokens.
 */
public final class Challenges {

    /** The one Basic challenge every service sends. */
    public static final String BASIC = "Basic realm=\"airlock\", charset=\"UTF-8\"";

    private Challenges() {}

    /**
     * A Bearer challenge naming the token endpoint, as registry clients (containerd, skopeo, trivy) expect.
     *
     * @param realm the absolute URI of the token endpoint
     * @param service the service name the client echoes back to the token endpoint
     */
    public static String bearer(URI realm, String service) {
        return "Bearer realm=\"" + realm + "\",service=\"" + service + "\"";
    }
}
