package br.com.healthmed.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a benchmark run is told by bench/booking.sh, through environment variables so that the Gatling JVM that the
 * Maven plugin forks sees the same values as the seeding.
 *
 * @param commandUrl          the command side, e.g. http://127.0.0.1:8081
 * @param queryUrl            the query side, e.g. http://127.0.0.1:8082
 * @param runDirectory        where the seeding writes the feeder files and the simulation its outcome
 * @param clients             concurrent clients of the throughput scenario (closed model)
 * @param duration            how long the throughput scenario is measured
 * @param warmUp              how long it runs before, on slots of its own, reported under another name
 * @param supplyRate          bookings per second the seeded slots must sustain for warm-up plus duration; a run
 *                            that books faster stops early and says so (raise it to measure a faster build)
 * @param patientsPerDoctor   throughput: patients sharing one doctor's slots (each books a disjoint share)
 * @param historySlots        published slots the "long history" doctor must have at least
 * @param historyBookings     bookings measured on each of the two history doctors
 * @param rushPatients        patients racing in the rush
 * @param rushSlots           free slots they race for
 * @param clientTimeout       retry scenario: how long the client waits before it gives up on the first attempt
 * @param seedThreads         parallel requests while seeding (each registration and login hashes a password)
 * @param projectionWait      how long the seeding waits for the query side to project what it seeded
 */
record BenchSettings(URI commandUrl, URI queryUrl, Path runDirectory, int clients, Duration duration, Duration warmUp,
                     int supplyRate, int patientsPerDoctor, int historySlots, int historyBookings, int rushPatients,
                     int rushSlots, Duration clientTimeout, int seedThreads, Duration projectionWait) {

    static BenchSettings fromEnvironment() {
        return from(System.getenv());
    }

    static BenchSettings from(Map<String, String> env) {
        return new BenchSettings(
                URI.create(env.getOrDefault("BENCH_COMMAND_URL", "http://127.0.0.1:8081")),
                URI.create(env.getOrDefault("BENCH_QUERY_URL", "http://127.0.0.1:8082")),
                Path.of(required(env, "BENCH_RUN_DIR")),
                positive(env, "BENCH_CLIENTS", 16),
                Duration.ofSeconds(positive(env, "BENCH_DURATION_SECONDS", 30)),
                Duration.ofSeconds(positive(env, "BENCH_WARMUP_SECONDS", 10)),
                positive(env, "BENCH_SUPPLY_RATE", 150),
                positive(env, "BENCH_PATIENTS_PER_DOCTOR", 8),
                positive(env, "BENCH_HISTORY_SLOTS", 8000),
                positive(env, "BENCH_HISTORY_BOOKINGS", 45),
                positive(env, "BENCH_RUSH_PATIENTS", 2000),
                positive(env, "BENCH_RUSH_SLOTS", 40),
                Duration.ofSeconds(positive(env, "BENCH_CLIENT_TIMEOUT_SECONDS", 5)),
                positive(env, "BENCH_SEED_THREADS", 4),
                Duration.ofSeconds(positive(env, "BENCH_PROJECTION_WAIT_SECONDS", 300)));
    }

    /** Slots the throughput scenario may consume: the supply rate over warm-up and measurement, plus a tenth. */
    int throughputSlots() {
        long seconds = warmUp.toSeconds() + duration.toSeconds();
        return Math.toIntExact((long) Math.ceil(supplyRate * seconds * 1.1));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; run the benchmark through bench/booking.sh");
        }
        return value;
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, was '" + value + "'");
    }
}
