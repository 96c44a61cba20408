package br.com.healthmed.bench;

import io.gatling.javaapi.core.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every answer of every measured request, kept whole: exact counts per status (the rush must end with exactly its
 * slots booked, which Gatling's OK/KO cannot say) and exact percentiles and rates, which the run's summary compares
 * with the targets. Gatling's own report shows the same requests with its charts.
 */
final class Outcomes {

    static final String SENT_AT = "sentAt";
    static final String STATUS = "status";
    static final String LATENCY = "latency";
    /** Recorded when no HTTP answer came back (timeout, connection refused). */
    static final int NO_ANSWER = 0;

    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, String> notes = new ConcurrentHashMap<>();

    /** To put before a request: when it left. */
    static Session markSent(Session session) {
        return session.set(SENT_AT, System.nanoTime());
    }

    /** To put after a request whose checks saved {@link #STATUS} and {@link #LATENCY}: counts it under {@code key}. */
    Session record(String key, Session session) {
        long now = System.nanoTime();
        long sentAt = session.getLong(SENT_AT);
        int status = session.contains(STATUS) ? session.getInt(STATUS) : NO_ANSWER;
        long latency = session.contains(LATENCY) ? session.getInt(LATENCY) : (now - sentAt) / 1_000_000;
        series.computeIfAbsent(key, k -> new Series()).add(status, latency, sentAt, now);
        return session.removeAll(SENT_AT, STATUS, LATENCY);
    }

    /** A figure read from an answer, e.g. how many appointments the query API counted, written out as it is. */
    void note(String key, Object value) {
        notes.put(key, String.valueOf(value));
    }

    /** Writes {@code <key>.<figure>} lines: counts per status, exact percentiles, rate of 2xx answers over the window. */
    void write(Path file) {
        Properties properties = new Properties();
        series.forEach((key, s) -> s.describe(key, properties));
        properties.putAll(notes);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "every answer of the measured requests, counted by the simulation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Series {
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        private final AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastAnswered = new AtomicLong(Long.MIN_VALUE);

        void add(int status, long latencyMillis, long sentAt, long answeredAt) {
            latencies.add(latencyMillis);
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            firstSent.accumulateAndGet(sentAt, Math::min);
            lastAnswered.accumulateAndGet(answeredAt, Math::max);
        }

        void describe(String key, Properties out) {
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            long successes = 0;
            for (Map.Entry<Integer, AtomicLong> entry : new TreeMap<>(statuses).entrySet()) {
                out.setProperty(key + ".status." + (entry.getKey() == NO_ANSWER ? "none" : entry.getKey()),
                        Long.toString(entry.getValue().get()));
                if (entry.getKey() >= 200 && entry.getKey() < 300) {
                    successes += entry.getValue().get();
                }
            }
            double windowSeconds = (lastAnswered.get() - firstSent.get()) / 1e9;
            out.setProperty(key + ".count", Integer.toString(sorted.size()));
            out.setProperty(key + ".successes", Long.toString(successes));
            out.setProperty(key + ".windowSeconds", String.format(java.util.Locale.ROOT, "%.3f", windowSeconds));
            out.setProperty(key + ".successesPerSecond",
                    String.format(java.util.Locale.ROOT, "%.1f", windowSeconds > 0 ? successes / windowSeconds : 0.0));
            out.setProperty(key + ".p50", Long.toString(percentile(sorted, 50)));
            out.setProperty(key + ".p95", Long.toString(percentile(sorted, 95)));
            out.setProperty(key + ".p99", Long.toString(percentile(sorted, 99)));
            out.setProperty(key + ".max", Long.toString(sorted.isEmpty() ? 0 : sorted.getLast()));
        }

        /** Nearest-rank percentile: the smallest latency that at least p % of the samples do not exceed. */
        private static long percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}
