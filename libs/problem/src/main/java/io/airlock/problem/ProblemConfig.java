package io.airlock.problem;

import io.smallrye.config.ConfigMapping;

/** Which service's error codes these are ({@code airlock.problem.service}, set in the service's own properties). */
@ConfigMapping(prefix = "airlock.problem")
public interface ProblemConfig {

    /** The service's name in problem type URIs ({@code urn:airlock:<service>:<code>}), e.g. {@code catalog}. */
    String service();
}
