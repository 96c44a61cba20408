package br.com.healthmed.bench;

import io.gatling.javaapi.core.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The answers of a load run as one Gatling JVM saw them: a latency histogram per request name at 1 ms resolution (up
 * to 120 s), counts per outcome kind, and the first and last instants per request name. The load of {@code users20k} runs in several
 * JVMs (descriptor limit per process), so percentiles cannot be taken from one Gatling report; {@link LoadSummary}
 * adds the histograms of every JVM and takes exact percentiles of the sum.
 * <p>
 * An answer is <em>expected</em> when its status is one the journey accepts for that request (a 409 when two users
 * race for one slot is the system working); everything else is an error, counted by kind: the status, or
 * {@code no answer} when no HTTP answer came back (refused, reset, timed out).
 */
final class LoadRecorder {

    static final String SENT_AT = "loadSentAt";
    static final String STATUS = "loadStatus";
    static final String LATENCY = "loadLatency";
    static final String RETRY_AFTER = "loadRetryAfter";
    private static final int MAX_MILLIS = 120_000;

    private final Map<String, AtomicLongArray> histograms = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> firstSent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastAnswered = new ConcurrentHashMap<>();
    /** Per second of answer and kind of request (read, write): ok answers, errors, the slowest latency. */
    private final Map<String, AtomicLongArray> timeline = new ConcurrentHashMap<>();

    static Session markSent(Session session) {
        return session.set(SENT_AT, System.currentTimeMillis());
    }

    /** Counts the request just made under {@code name}; answers whether its status was one of {@code expected}. */
    boolean record(String name, Session session, Set<Integer> expected) {
        return record(name, null, session, expected);
    }

    /**
     * As {@link #record(String, Session, Set)}, and also into the per-second timeline under {@code kind} ("read" or
     * "write"), which the store-fault scenarios use to tell errors during a fault from those after it.
     */
    boolean record(String name, String kind, Session session, Set<Integer> expected) {
        long now = System.currentTimeMillis();
        long sentAt = session.contains(SENT_AT) ? session.getLong(SENT_AT) : now;
        boolean answered = session.contains(STATUS);
        int status = answered ? session.getInt(STATUS) : 0;
        long latency = session.contains(LATENCY) ? session.getInt(LATENCY) : now - sentAt;
        histograms.computeIfAbsent(name, n -> new AtomicLongArray(MAX_MILLIS + 1))
                .incrementAndGet((int) Math.min(Math.max(latency, 0), MAX_MILLIS));
        boolean ok = answered && expected.contains(status);
        String outcome = !answered ? "no answer (refused, reset or timed out)" : ok ? "ok " + status
                : "status " + status + (session.contains(RETRY_AFTER) ? " (Retry-After)" : "");
        outcomes.computeIfAbsent(name + "|" + outcome, k -> new AtomicLong()).incrementAndGet();
        if (kind != null) {
            // Per kind and per request: "write" mixes logins (Argon2id, slow on purpose) with bookings.
            for (String key : List.of(kind, kind + "/" + name)) {
                AtomicLongArray second = timeline.computeIfAbsent((now / 1000) + "," + key, k -> new AtomicLongArray(3));
                second.incrementAndGet(ok ? 0 : 1);
                second.accumulateAndGet(2, latency, Math::max);
            }
        }
        firstSent.computeIfAbsent(name, n -> new AtomicLong(Long.MAX_VALUE)).accumulateAndGet(sentAt, Math::min);
        lastAnswered.computeIfAbsent(name, n -> new AtomicLong(Long.MIN_VALUE)).accumulateAndGet(now, Math::max);
        return ok;
    }

    /** Drops what {@link #record} reads, so the next request starts clean. */
    static Session clear(Session session) {
        return session.removeAll(SENT_AT, STATUS, LATENCY, RETRY_AFTER);
    }

    /** The timeline as CSV lines: epoch second, kind, ok answers, errors, slowest latency in ms; oldest first. */
    void writeTimeline(Path file) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(timeline).forEach((key, counts) ->
                lines.add(key + "," + counts.get(0) + "," + counts.get(1) + "," + counts.get(2)));
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path file) {
        Properties out = new Properties();
        firstSent.forEach((name, at) -> out.setProperty("firstSent." + name, Long.toString(at.get())));
        lastAnswered.forEach((name, at) -> out.setProperty("lastAnswered." + name, Long.toString(at.get())));
        new TreeMap<>(outcomes).forEach((key, count) -> out.setProperty("outcome." + key, Long.toString(count.get())));
        histograms.forEach((name, histogram) -> {
            StringBuilder buckets = new StringBuilder();
            for (int millis = 0; millis <= MAX_MILLIS; millis++) {
                long count = histogram.get(millis);
                if (count > 0) {
                    buckets.append(buckets.isEmpty() ? "" : ",").append(millis).append(':').append(count);
                }
            }
            out.setProperty("latency." + name, buckets.toString());
        });
        try (Writer writer = Files.newBufferedWriter(file)) {
            out.store(writer, "answers of one Gatling JVM: outcomes by kind, latency histogram (millis:count)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
