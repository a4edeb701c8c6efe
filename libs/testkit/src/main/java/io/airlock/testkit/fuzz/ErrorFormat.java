package io.airlock.testkit.fuzz;

import io.airlock.testkit.RawHttp;
import java.util.Locale;

/**
 * The format an endpoint's error answers must have: the OCI error JSON on {@code /v2}, RFC 9457 problem JSON on the
 * admin APIs, plain text for files. {@link #violation} says what is wrong with an error answer, or null.
 */
public enum ErrorFormat {
    /** {@code {"errors":[{"code":...,"message":...}]}} as {@code application/json}. */
    OCI {
        @Override
        String check(RawHttp.Response r) {
            String type = type(r);
            String body = r.bodyText();
            if (!type.startsWith("application/json")) {
                return "an OCI error must be application/json, was '" + type + "'";
            }
            if (!body.strip().startsWith("{") || !body.contains("\"errors\"") || !body.contains("\"code\"")) {
                return "not an OCI error document: " + clip(body);
            }
            return null;
        }
    },
    /** RFC 9457 {@code application/problem+json} with a {@code status}. */
    PROBLEM {
        @Override
        String check(RawHttp.Response r) {
            String type = type(r);
            String body = r.bodyText();
            if (!type.startsWith("application/problem+json")) {
                return "an API error must be application/problem+json, was '" + type + "': " + clip(body);
            }
            if (!body.contains("\"status\":" + r.status())) {
                return "problem document without its status " + r.status() + ": " + clip(body);
            }
            return null;
        }
    },
    /** A short {@code text/plain} message, never an HTML page. */
    PLAIN {
        @Override
        String check(RawHttp.Response r) {
            String type = type(r);
            if (!type.startsWith("text/plain")) {
                return "a file error must be text/plain, was '" + type + "': " + clip(r.bodyText());
            }
            if (r.bodyText().toLowerCase(Locale.ROOT).contains("<html")) {
                return "an HTML page as an error";
            }
            return null;
        }
    },
    /**
     * The OCI error JSON, or the service's problem+json: for {@code /v2} on a service that also has an admin API on
     * the same port, where refusals raised before a registry resource runs (a path guard, an unmatched route) come in
     * the service's one framework-level format.
     */
    OCI_OR_PROBLEM {
        @Override
        String check(RawHttp.Response r) {
            String oci = OCI.check(r);
            String problem = PROBLEM.check(r);
            return oci == null || problem == null ? null : oci + "; nor " + problem;
        }
    },
    /** Anything (paths no protocol claims). */
    ANY {
        @Override
        String check(RawHttp.Response r) {
            return null;
        }
    };

    abstract String check(RawHttp.Response r);

    /**
     * What is wrong with {@code r} as an answer to {@code request} in this format, or null. Only error answers (4xx)
     * with a body are checked; HEAD answers and answers to HTTP-level garbage (which the HTTP server itself may give)
     * are not.
     */
    public String violation(FuzzRequest request, RawHttp.Response r) {
        if (r.status() < 400 || r.status() >= 500 || request.isHead() || request.httpLevel()) {
            return null;
        }
        if (r.body().length == 0) {
            return "an error answer with no body";
        }
        return check(r);
    }

    private static String type(RawHttp.Response r) {
        String t = r.header("Content-Type");
        return t == null ? "" : t.toLowerCase(Locale.ROOT);
    }

    static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
