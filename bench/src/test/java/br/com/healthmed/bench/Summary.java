package br.com.healthmed.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns one run's counts into the figures of docs/performance.md and compares them with issue 7's targets: prints
 * them, writes {@code summary.txt} into the run folder, and exits 1 when a target is missed.
 */
public final class Summary {

    private final Path runDirectory;
    private final Properties outcomes;
    private final Properties seeded;
    private final List<String> lines = new ArrayList<>();
    private boolean allMet = true;

    private Summary(Path runDirectory) {
        this.runDirectory = runDirectory;
        this.outcomes = load(runDirectory.resolve("outcomes.properties"));
        this.seeded = load(runDirectory.resolve("seed.properties"));
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Summary <run folder> throughput|history|rush|retry");
        }
        Summary summary = new Summary(Path.of(args[0]));
        switch (args[1]) {
            case "throughput" -> summary.throughput();
            case "history" -> summary.history();
            case "rush" -> summary.rush();
            case "retry" -> summary.retry();
            default -> throw new IllegalArgumentException("unknown scenario '" + args[1] + "'");
        }
        String lag = summary.seeded.getProperty("projectionLagAtStart", "0");
        if (!lag.equals("0")) {
            summary.line("  note: the query side was still %s events behind the seeding when the measurement began", lag);
        }
        summary.write();
        System.exit(summary.allMet ? 0 : 1);
    }

    private void throughput() {
        String key = ThroughputSimulation.MEASURED;
        double rate = number(key + ".successesPerSecond");
        line("Throughput: %s doctors, %s patients, %s clients (closed model), measured %s s after a warm-up of %s bookings",
                seeded.getProperty("throughput.doctors"), seeded.getProperty("throughput.patients"),
                System.getenv().getOrDefault("BENCH_CLIENTS", "16"), text(key + ".windowSeconds"),
                text(ThroughputSimulation.WARM_UP + ".count", "0"));
        line("  bookings: %s answered, %s succeeded (%s); %.1f successful bookings/s", text(key + ".count"),
                text(key + ".successes"), statuses(key), rate);
        line("  latency: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms", text(key + ".p50"), text(key + ".p95"),
                text(key + ".p99"), text(key + ".max"));
        target("at least 700 successful bookings/s", rate >= 700, "%.1f/s", rate);
        target("p99 under 300 ms", number(key + ".p99") < 300, "%s ms", text(key + ".p99"));
        target("no failed booking", number(key + ".successes") == number(key + ".count"), "%s of %s",
                text(key + ".successes"), text(key + ".count"));
        Path pgbench = runDirectory.resolve("pgbench.tps");
        if (Files.exists(pgbench)) {
            double tps = Double.parseDouble(read(pgbench).strip());
            line("  same PostgreSQL, same run: %.1f transactions/s of three event-row INSERTs at the same concurrency (pgbench)", tps);
            target("booking rate at least 20 % of the three-INSERT rate", rate / tps >= 0.20, "%.1f %%", 100 * rate / tps);
        } else {
            line("  (no pgbench figure in this run)");
            allMet = false;
        }
    }

    private void history() {
        String longKey = HistorySimulation.LONG;
        String shortKey = HistorySimulation.SHORT;
        double ratio = number(longKey + ".p50") / Math.max(1, number(shortKey + ".p50"));
        line("History: one client, bookings alternating between a doctor with %s published slots (%s weekly patterns) and one with %s",
                seeded.getProperty("history.longSlots"), seeded.getProperty("history.longPatterns"),
                seeded.getProperty("history.shortSlots"));
        for (String key : List.of(longKey, shortKey)) {
            line("  %s: %s bookings (%s), p50 %s ms, p95 %s ms, max %s ms", key.equals(longKey) ? "long schedule " : "short schedule",
                    text(key + ".count"), statuses(key), text(key + ".p50"), text(key + ".p95"), text(key + ".max"));
        }
        target("p50 on the long schedule within 1.3x of the short one", ratio <= 1.3, "%.2fx", ratio);
        target("no failed booking", number(longKey + ".successes") == number(longKey + ".count")
                && number(shortKey + ".successes") == number(shortKey + ".count"), "%s + %s of %s + %s",
                text(longKey + ".successes"), text(shortKey + ".successes"), text(longKey + ".count"), text(shortKey + ".count"));
    }

    private void rush() {
        String key = RushSimulation.RUSH;
        long slots = Long.parseLong(seeded.getProperty("rush.slots"));
        long created = (long) number(key + ".status.201");
        long serverErrors = 0;
        for (String name : outcomes.stringPropertyNames()) {
            if (name.startsWith(key + ".status.5") && !name.equals(key + ".status.503")) {
                serverErrors += Long.parseLong(outcomes.getProperty(name));
            }
        }
        line("Rush: %s patients at once for %s free slots of one doctor", seeded.getProperty("rush.patients"), slots);
        line("  answers: %s (every attempt)", statuses(key));
        line("  of which retries after Retry-After: %s", statuses(key + ".retried"));
        line("  latency: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms", text(key + ".p50"), text(key + ".p95"),
                text(key + ".p99"), text(key + ".max"));
        target("exactly " + slots + " answered 201", created == slots, "%d", created);
        target("no 5xx other than 503 with Retry-After (checked by Gatling)", serverErrors == 0, "%d", serverErrors);
        target("every request answered", number(key + ".status.none") == 0, "%s without an answer", text(key + ".status.none", "0"));
        target("every answer within 2 s", number(key + ".max") < 2000, "max %s ms", text(key + ".max"));
        String counted = text(key + ".appointmentsCounted", "unknown");
        target("exactly " + slots + " appointments counted through the query API", counted.equals(Long.toString(slots)),
                "%s", counted);
    }

    private void retry() {
        line("Retry after timeout: first attempt %s; retries %s", statuses(RetryAfterTimeoutSimulation.FIRST_KEY),
                statuses(RetryAfterTimeoutSimulation.RETRY_KEY));
        target("the first attempt was abandoned at the client timeout", number(RetryAfterTimeoutSimulation.FIRST_KEY + ".status.none") == 1,
                "%s", statuses(RetryAfterTimeoutSimulation.FIRST_KEY));
        target("a retry got 201", number(RetryAfterTimeoutSimulation.RETRY_KEY + ".status.201") == 1, "%s",
                statuses(RetryAfterTimeoutSimulation.RETRY_KEY));
        line("  (exactly one appointment, with the id the retry returned, is a Gatling check: see its report)");
    }

    private String statuses(String key) {
        List<String> parts = new ArrayList<>();
        outcomes.stringPropertyNames().stream().filter(name -> name.startsWith(key + ".status.")).sorted()
                .forEach(name -> parts.add(name.substring((key + ".status.").length()) + ": " + outcomes.getProperty(name)));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private void target(String what, boolean met, String format, Object... figures) {
        allMet &= met;
        line("  target %-60s %s (%s)", what, met ? "MET" : "MISSED", String.format(Locale.ROOT, format, figures));
    }

    private void line(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        System.out.println(line);
        lines.add(line);
    }

    private double number(String name) {
        return Double.parseDouble(outcomes.getProperty(name, "0"));
    }

    private String text(String name) {
        return text(name, "?");
    }

    private String text(String name, String fallback) {
        return outcomes.getProperty(name, fallback);
    }

    private void write() {
        try {
            Files.write(runDirectory.resolve("summary.txt"), lines, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
