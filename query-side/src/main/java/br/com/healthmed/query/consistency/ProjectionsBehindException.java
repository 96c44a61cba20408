package br.com.healthmed.query.consistency;

import java.time.Duration;

/** The projections did not reach the requested position in time: answered 503 with Retry-After. */
public class ProjectionsBehindException extends RuntimeException {

    private final Duration waited;

    ProjectionsBehindException(Duration waited) {
        super("the read models have not caught up with your last change yet; retry shortly", null, false, false);
        this.waited = waited;
    }

    public Duration waited() {
        return waited;
    }
}
