package io.airlock.auth;

/**
 * The outcome of applying the suite's access rule ({@link AccessPolicy}) to one caller and one kind of action. Every
 * service asks {@link AccessPolicy} for a decision and renders a refusal in its own protocol's format: plain text on
 * the file server, problem+json on admin APIs, an OCI error on {@code /v2}. The HTTP status of each refusal is fixed
 * here so that no service picks another.
 */
public sealed interface AccessDecision {

    /** The HTTP status a refusal is answered with; 200 for {@link Allowed}. */
    int status();

    /** Whether the answer carries a {@code WWW-Authenticate} challenge (401 only). */
    default boolean challenges() {
        return status() == 401;
    }

    /** Why the caller was refused, for a human; empty for {@link Allowed}. */
    default String reason() {
        return "";
    }

    /** What a wrong user name or password comes to, wherever lazy authentication lets it surface. */
    static AccessDecision wrongCredentials() {
        return new WrongCredentials("wrong user name or password");
    }

    /**
     * The caller may go on: {@code principal} is the account name, or {@code anonymous} for a caller who sent no
     * credentials ({@link #ANONYMOUS}); {@code anonymous} tells the two apart without comparing names, so an account
     * that happens to be called "anonymous" is still a signed-in caller.
     */
    record Allowed(String principal, boolean anonymous) implements AccessDecision {
        /** A caller who sent no credentials and was let in (anonymous reads). */
        public static final Allowed ANONYMOUS = new Allowed("anonymous", true);

        /** A signed-in caller. */
        public Allowed(String principal) {
            this(principal, false);
        }

        @Override
        public int status() {
            return 200;
        }
    }

    /** No credentials were sent and the action needs some: 401 with a challenge. */
    record NeedsCredentials(String reason) implements AccessDecision {
        @Override
        public int status() {
            return 401;
        }
    }

    /** Credentials were sent and are wrong or expired: 401 with a challenge, so that the client may ask again. */
    record WrongCredentials(String reason) implements AccessDecision {
        @Override
        public int status() {
            return 401;
        }
    }

    /** The credentials are right but do not grant this action: 403, no challenge (asking again would not help). */
    record Forbidden(String reason) implements AccessDecision {
        @Override
        public int status() {
            return 403;
        }
    }
}
