package br.com.healthmed.query.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a dependency that keeps failing, so that callers do not each wait out its timeout: after
 * {@code failureThreshold} failures in a row the breaker opens and {@link #allowsCall()} says no for
 * {@code openFor}; then one trial call goes through (half open), and its success closes the breaker, its failure opens
 * it again. Thread-safe; the trial is given to one caller at a time, and to another if it has not reported within
 * {@code openFor}. The agenda cache and the search cache each have their own.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int failuresInARow;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1 || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("a breaker needs a threshold of at least 1 and a positive open time");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether the caller may call the dependency now; when it may, it must report {@link #succeeded} or {@link #failed}. */
    public synchronized boolean allowsCall() {
        return switch (state) {
            case CLOSED -> true;
            // A trial that never reported (its caller died) must not keep the breaker half open for good.
            case OPEN, HALF_OPEN -> {
                if (clock.instant().isBefore(openUntil)) {
                    yield false;
                }
                state = State.HALF_OPEN;
                openUntil = clock.instant().plus(openFor);
                yield true;
            }
        };
    }

    public synchronized void succeeded() {
        state = State.CLOSED;
        failuresInARow = 0;
    }

    public synchronized void failed() {
        failuresInARow++;
        if (state == State.HALF_OPEN || failuresInARow >= failureThreshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
        }
    }

    public synchronized State state() {
        return state;
    }
}
