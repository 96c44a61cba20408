package br.com.healthmed.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * When the benchmark's client sends a request again, as a well-behaved client of the API does: after a 429 or 503 it
 * waits what Retry-After says (the server's own estimate: a busy password hashing, an unknown command outcome, a rate
 * limit); after no answer, a 502 or a 504 (a replica gone) it backs off 1, 2, 4, 8, 8 … seconds; a little random extra
 * (up to a quarter) keeps clients refused together from coming back together. It gives up when the next attempt would
 * start later than {@code budget} after the first, or at once on any other answer. A write is sent again with the same
 * Idempotency-Key, and a login needs none (logging in twice changes nothing a client relies on).
 *
 * @param budget how long after its first attempt a request may still be sent again; zero: never
 */
record RetryPolicy(Duration budget) {

    private static final Set<Integer> RETRYABLE = Set.of(0, 429, 502, 503, 504);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(8);

    RetryPolicy {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("the retry budget cannot be negative, was " + budget);
        }
    }

    /**
     * The pause before the next attempt, or empty to give up.
     *
     * @param attempts   attempts made so far (1 after the first)
     * @param status     the last attempt's status, 0 when no answer came
     * @param retryAfter the last answer's Retry-After header, or null
     * @param elapsed    time since the first attempt was sent
     * @param jitter     a random number in [0, 1)
     */
    Optional<Duration> pauseBefore(int attempts, int status, String retryAfter, Duration elapsed, double jitter) {
        if (!RETRYABLE.contains(status)) {
            return Optional.empty();
        }
        Duration pause = serverAsked(status, retryAfter).orElseGet(() -> backoff(attempts));
        pause = pause.plusMillis(Math.round(pause.toMillis() * 0.25 * jitter));
        return elapsed.plus(pause).compareTo(budget) <= 0 ? Optional.of(pause) : Optional.empty();
    }

    /** Retry-After in seconds (what this API sends); a date or garbage is ignored in favour of the back-off. */
    private static Optional<Duration> serverAsked(int status, String retryAfter) {
        if ((status != 429 && status != 503) || retryAfter == null || !retryAfter.strip().matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
    }

    private static Duration backoff(int attempts) {
        Duration pause = Duration.ofSeconds(1L << Math.min(Math.max(attempts - 1, 0), 3));
        return pause.compareTo(LONGEST_BACKOFF) < 0 ? pause : LONGEST_BACKOFF;
    }
}
