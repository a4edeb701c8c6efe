package io.airlock.falco.api;

import io.airlock.falco.FalcoError;
import io.airlock.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses {@code .} and {@code ..} path segments (raw or escaped as {@code %2e}) before the path is normalized and
 * matched: a request that tries to walk the tree gets a 400 saying so, not a 404 for some other resource.
 */
public class RawPathGuard {

    @ServerRequestFilter(preMatching = true)
    public void refuseDotSegments(HttpServerRequest request) {
        String raw = request.path();
        if (raw == null) {
            return;
        }
        for (String segment : raw.split("/", -1)) {
            String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                throw new ProblemException(FalcoError.INVALID_PATH, "'.' and '..' path segments are refused");
            }
        }
    }
}
