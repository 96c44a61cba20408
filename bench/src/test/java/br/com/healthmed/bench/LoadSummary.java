package br.com.healthmed.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One screen of figures for a load run: adds up the {@code load-<shard>.properties} of every Gatling JVM (their
 * latency histograms, so the percentiles are exact over all of them), then prints throughput, p50/p95/p99/max per
 * request and overall, and the errors by kind, next to issue 8's targets. Requests are counted per attempt; a
 * {@code (final)} line is what the client ended with after its retries (its latencies run from the first attempt to
 * the last answer). Exits 1 when a request failed after the client's retries (the target "0 failed requests"); error
 * answers to attempts that a retry then mended are printed, and do not fail the run.
 */
public final class LoadSummary {

    private final Map<String, long[]> histograms = new TreeMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, Long> firstSent = new TreeMap<>();
    private final Map<String, Long> lastAnswered = new TreeMap<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LoadSummary <run folder> <scenario>");
        }
        LoadSummary summary = new LoadSummary();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            List<Path> shards = files.filter(f -> f.getFileName().toString().matches("load-.+\\.properties")).sorted().toList();
            if (shards.isEmpty()) {
                throw new IllegalStateException("no load-*.properties in " + args[0] + ": the Gatling JVMs wrote nothing");
            }
            shards.forEach(summary::add);
            System.out.printf(Locale.ROOT, "%s: answers of %d Gatling JVM(s)%n", args[1], shards.size());
        }
        boolean clean = args[1].equals("search-max") ? summary.saturation() : summary.load();
        System.exit(clean ? 0 : 1);
    }

    private void add(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().forEach(key -> {
            String value = properties.getProperty(key);
            if (key.startsWith("latency.")) {
                long[] histogram = histograms.computeIfAbsent(key.substring(8), k -> new long[120_001]);
                for (String bucket : value.split(",")) {
                    if (!bucket.isBlank()) {
                        String[] parts = bucket.split(":");
                        histogram[Integer.parseInt(parts[0])] += Long.parseLong(parts[1]);
                    }
                }
            } else if (key.startsWith("outcome.")) {
                outcomes.merge(key.substring(8), Long.parseLong(value), Long::sum);
            } else if (key.startsWith("firstSent.")) {
                firstSent.merge(key.substring(10), Long.parseLong(value), Math::min);
            } else if (key.startsWith("lastAnswered.")) {
                lastAnswered.merge(key.substring(13), Long.parseLong(value), Math::max);
            }
        });
    }

    private boolean load() {
        long[] all = new long[120_001];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, long[]> entry : histograms.entrySet()) {
            if (!entry.getKey().endsWith("(final)")) {
                for (int i = 0; i < all.length; i++) {
                    all[i] += entry.getValue()[i];
                }
                first = Math.min(first, firstSent.get(entry.getKey()));
                last = Math.max(last, lastAnswered.get(entry.getKey()));
            }
        }
        double seconds = (last - first) / 1000.0;
        long count = count(all);
        System.out.printf(Locale.ROOT, "  %,d requests in %.0f s (first sent to last answered, ramp included): %.0f requests/s%n",
                count, seconds, count / Math.max(seconds, 0.001));
        System.out.printf(Locale.ROOT, "  %-24s %10s %8s %8s %8s %8s %8s%n", "request", "answers", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        histograms.forEach((name, histogram) -> printLine(name, histogram));
        printLine("ALL (attempts)", all);
        long[] finals = new long[120_001];
        histograms.forEach((name, histogram) -> {
            if (name.endsWith("(final)")) {
                for (int i = 0; i < finals.length; i++) {
                    finals[i] += histogram[i];
                }
            }
        });
        long failed = outcomes.entrySet().stream().filter(e -> e.getKey().contains("(final)|") && !e.getKey().contains("|ok "))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "  %-24s %,10d %,8d %8d %8d %8d %8d%n", "ALL (final)", count(finals), failed,
                percentile(finals, 50), percentile(finals, 95), percentile(finals, 99), max(finals));
        long errors = errors(null);
        System.out.println("  errors by kind:" + (errors == 0 ? " none" : ""));
        outcomes.forEach((key, n) -> {
            if (!key.contains("|ok ")) {
                System.out.printf(Locale.ROOT, "    %-24s %-40s %,d%n", key.split("\\|")[0], key.split("\\|")[1], n);
            }
        });
        System.out.println("  expected refusals (not errors): " + String.join(", ", outcomes.entrySet().stream()
                .filter(e -> e.getKey().matches(".*\\|ok (409|422)") && !e.getKey().endsWith("(final)|ok 409")
                        && !e.getKey().endsWith("(final)|ok 422"))
                .map(e -> e.getKey().replace("|ok ", " ") + " x" + e.getValue()).toList()));
        System.out.printf(Locale.ROOT, "  targets (issue 8): 0 failed requests (after the client's retries) -> %,d (error answers to attempts: %,d); p95 < 200 ms -> %d; p99 < 500 ms -> %d; offered >= 1,600 req/s at 20,000 users -> %.0f%n",
                failed, errors, percentile(all, 95), percentile(all, 99), count / Math.max(seconds, 0.001));
        return failed == 0;
    }

    /**
     * search-max: every round of search then bare (request names {@code "search-max <round>"} and {@code "bare
     * <round>"}), and both in all: answers over the seconds measured, summed over the rounds.
     */
    private boolean saturation() {
        List<String> rounds = histograms.keySet().stream().filter(name -> name.startsWith("search-max "))
                .map(name -> name.substring("search-max ".length())).sorted().toList();
        if (rounds.isEmpty()) {
            throw new IllegalStateException("no answers for search-max");
        }
        System.out.printf(Locale.ROOT, "  %-24s %10s %8s %8s %8s %8s %8s %10s%n", "request", "answers", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s");
        for (String round : rounds) {
            for (String kind : List.of("search-max", "bare")) {
                String name = kind + " " + round;
                if (!histograms.containsKey(name)) {
                    throw new IllegalStateException("no answers for " + name);
                }
                printRate(name, histograms.get(name), errors(name), rate(List.of(name)));
            }
            System.out.printf(Locale.ROOT, "  ratio in round %s: %.1f %%%n", round,
                    100 * rate(List.of("search-max " + round)) / rate(List.of("bare " + round)));
        }
        double search = rate(rounds.stream().map(round -> "search-max " + round).toList());
        double bare = rate(rounds.stream().map(round -> "bare " + round).toList());
        printRate("search-max, all rounds", merged("search-max "),
                rounds.stream().mapToLong(round -> errors("search-max " + round)).sum(), search);
        printRate("bare, all rounds", merged("bare "), rounds.stream().mapToLong(round -> errors("bare " + round)).sum(),
                bare);
        System.out.printf(Locale.ROOT, "  ratio search / bare: %.1f %% (target >= 60 %%)%n", 100 * search / bare);
        long errors = errors(null);
        System.out.println("  errors by kind:" + (errors == 0 ? " none" : ""));
        outcomes.forEach((key, n) -> {
            if (!key.contains("|ok ")) {
                System.out.printf(Locale.ROOT, "    %-24s %-40s %,d%n", key.split("\\|")[0], key.split("\\|")[1], n);
            }
        });
        return errors == 0;
    }

    private static void printRate(String name, long[] h, long errors, double rate) {
        System.out.printf(Locale.ROOT, "  %-24s %,10d %,8d %8d %8d %8d %8d %10.0f%n", name, count(h), errors,
                percentile(h, 50), percentile(h, 95), percentile(h, 99), max(h), rate);
    }

    /** The histograms of every request whose name starts with {@code prefix}, added. */
    private long[] merged(String prefix) {
        long[] sum = null;
        for (Map.Entry<String, long[]> entry : histograms.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                long[] h = entry.getValue();
                sum = sum == null ? new long[h.length] : sum;
                for (int i = 0; i < h.length; i++) {
                    sum[i] += h[i];
                }
            }
        }
        return sum;
    }

    private void printLine(String name, long[] histogram) {
        System.out.printf(Locale.ROOT, "  %-24s %,10d %,8d %8d %8d %8d %8d%n", name, count(histogram),
                name.startsWith("ALL") ? errors(null) : errors(name),
                percentile(histogram, 50), percentile(histogram, 95), percentile(histogram, 99), max(histogram));
    }

    /** Error answers of one request name, or of every name except the (final) summaries when {@code name} is null. */
    private long errors(String name) {
        return outcomes.entrySet().stream().filter(e -> !e.getKey().contains("|ok "))
                .filter(e -> name == null ? !e.getKey().contains("(final)|") : e.getKey().startsWith(name + "|"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Answers of {@code names} over the seconds each was measured (its first sent to its last answered), added. */
    private double rate(List<String> names) {
        double seconds = 0;
        long answers = 0;
        for (String name : names) {
            seconds += (lastAnswered.get(name) - firstSent.get(name)) / 1000.0;
            answers += count(histograms.get(name));
        }
        return answers / Math.max(seconds, 0.001);
    }

    private static long count(long[] histogram) {
        long n = 0;
        for (long c : histogram) {
            n += c;
        }
        return n;
    }

    /** Nearest rank: the smallest latency that at least p % of the answers do not exceed. */
    private static long percentile(long[] histogram, double p) {
        long total = count(histogram);
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int millis = 0; millis < histogram.length; millis++) {
            seen += histogram[millis];
            if (seen >= rank) {
                return millis;
            }
        }
        return histogram.length - 1;
    }

    private static long max(long[] histogram) {
        for (int millis = histogram.length - 1; millis >= 0; millis--) {
            if (histogram[millis] > 0) {
                return millis;
            }
        }
        return 0;
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
