package io.airlock.trivydb.auth;

import io.airlock.auth.Challenges;
import io.airlock.trivydb.config.TrivyDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** The {@code WWW-Authenticate} challenge of a 401: Bearer, with this registry's token endpoint as realm. */
@ApplicationScoped
public class Challenge {
    public static final String TOKEN_PATH = "v2/token";

    private final String service;

    public Challenge(TrivyDbConfig config) {
        this.service = config.token().service();
    }

    /** {@code baseUri} is the URI the client used to reach this service (ends in {@code /}). */
    public String header(URI baseUri) {
        return Challenges.bearer(baseUri.resolve(TOKEN_PATH), service);
    }

    public String service() {
        return service;
    }
}
