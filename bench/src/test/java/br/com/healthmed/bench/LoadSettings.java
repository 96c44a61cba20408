package br.com.healthmed.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What bench/run.sh tells one Gatling JVM of a load scenario, through environment variables.
 *
 * @param baseUrl        the gateway (GET to the query side, everything else to the command side)
 * @param runDirectory   feeder files in, this JVM's answers out
 * @param shard          this JVM's name within the run (its output file is {@code load-<shard>.properties})
 * @param localAddress   the loopback address this JVM connects from (each JVM its own, so no source address runs
 *                       short of ephemeral ports), or empty for the kernel's choice
 * @param users          patients' journeys this JVM runs concurrently (closed model, one connection each)
 * @param doctors        doctors' sessions this JVM runs concurrently (accepting and rejecting requests)
 * @param ramp           how long until every user has started
 * @param hold           how long every user then keeps going
 * @param thinkMean      mean pause between two steps of a journey (uniform between half and one and a half times it)
 * @param bookingShare   share of journeys that log in and book the slot they looked at
 * @param cancelShare    share of bookings the patient then cancels with a justification
 * @param retryBudget    how long a request may be retried, from its first attempt, as a well-behaved client does: after
 *                       a 429 or 503 once its Retry-After has passed, after no answer or a 502/504 with a growing pause;
 *                       writes with the same Idempotency-Key (BENCH_RETRY_SECONDS, 60; 0: never retry)
 * @param keepLogin      a patient who logged in books again with the same access token for up to 10 minutes instead of
 *                       logging in before every booking (the store-fault scenarios: booking load without an Argon2id
 *                       hash per booking, which this machine computes about twice a second)
 * @param searchUsers    search-max and bare: concurrent clients of the closed-model saturation
 * @param saturation     search-max and bare: how long each is measured, in all
 * @param saturationWarmup search-max: how long both run, alternately and not measured, before the first round
 * @param saturationRounds search-max: how many times search then bare are measured, each for its share of
 *                       {@code saturation}
 */
record LoadSettings(String baseUrl, Path runDirectory, String shard, String localAddress, int users, int doctors,
                    Duration ramp, Duration hold, Duration thinkMean, double bookingShare, double cancelShare,
                    Duration retryBudget, boolean keepLogin, int searchUsers, Duration saturation,
                    Duration saturationWarmup, int saturationRounds) {

    static LoadSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        String runDirectory = env.get("BENCH_RUN_DIR");
        if (runDirectory == null || runDirectory.isBlank()) {
            throw new IllegalArgumentException("BENCH_RUN_DIR is not set; run the scenario through bench/run.sh");
        }
        return new LoadSettings(
                env.getOrDefault("BENCH_BASE_URL", "http://127.0.0.1:8080"),
                Path.of(runDirectory),
                env.getOrDefault("BENCH_SHARD", "1"),
                env.getOrDefault("BENCH_LOCAL_ADDRESS", ""),
                whole(env, "BENCH_USERS", 200),
                whole(env, "BENCH_DOCTOR_USERS", 2),
                Duration.ofSeconds(whole(env, "BENCH_RAMP_SECONDS", 30)),
                Duration.ofSeconds(whole(env, "BENCH_HOLD_SECONDS", 60)),
                Duration.ofMillis(Math.round(1000 * share(env, "BENCH_THINK_SECONDS", 10.0, 600))),
                share(env, "BENCH_BOOKING_SHARE", 0.01, 1),
                share(env, "BENCH_CANCEL_SHARE", 0.5, 1),
                Duration.ofSeconds(whole(env, "BENCH_RETRY_SECONDS", 60)),
                Boolean.parseBoolean(env.getOrDefault("BENCH_KEEP_LOGIN", "false")),
                whole(env, "BENCH_SEARCH_USERS", 64),
                Duration.ofSeconds(whole(env, "BENCH_SATURATION_SECONDS", 30)),
                Duration.ofSeconds(whole(env, "BENCH_SATURATION_WARMUP_SECONDS", 10)),
                Math.max(1, whole(env, "BENCH_SATURATION_ROUNDS", 2)));
    }

    /** The instant, in epoch millis, at which every user stops starting new steps. */
    long endMillis(long startMillis) {
        return startMillis + ramp.toMillis() + hold.toMillis();
    }

    private static int whole(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.strip());
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return parsed;
    }

    private static double share(Map<String, String> env, String name, double fallback, double max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        double parsed = Double.parseDouble(value.strip());
        if (parsed < 0 || parsed > max) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max + ", was " + value);
        }
        return parsed;
    }
}
