package br.com.healthmed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * After a store-fault scenario ({@code bench/run.sh fault-redis|fault-postgres|fault-mongo}): what the clients saw
 * around each fault, from the per-second timelines of every Gatling JVM ({@code timeline-<shard>.csv}) and the fault
 * windows the injector wrote ({@code fault-windows.log}: name, start and end in epoch millis). For each fault and each
 * kind of request (reads, writes, then each request by name, e.g. {@code write/book}): the answers and errors in the
 * 30 s before it, during it, and after it until the next fault; the time to recover (from the store's return to the
 * end of the last second with an error); and the slowest answer before the fault (what the loaded machine gives
 * anyway) and from the fault's start until recovery. Prints figures only: whether a figure is acceptable is stated in
 * docs/performance.md next to it, since the expected errors differ per store (issue 14).
 * <p>
 * Usage: {@code FaultReport <run folder>}.
 */
public final class FaultReport {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final long BASELINE_SECONDS = 30;

    record Window(String name, long startMillis, long endMillis) {
    }

    /** One second of one kind of request, added up over the JVMs. */
    record Second(long ok, long errors, long slowestMillis) {
        Second plus(Second other) {
            return new Second(ok + other.ok, errors + other.errors, Math.max(slowestMillis, other.slowestMillis));
        }
    }

    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        List<Window> windows = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("fault-windows.log"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3) {
                windows.add(new Window(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        Map<String, TreeMap<Long, Second>> timeline = new TreeMap<>();
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("timeline-.+\\.csv")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.split(",");
                    timeline.computeIfAbsent(f[1], k -> new TreeMap<>()).merge(Long.parseLong(f[0]),
                            new Second(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])), Second::plus);
                }
            }
        }
        if (windows.isEmpty() || timeline.isEmpty()) {
            System.out.println("fault report: no fault window or no timeline in " + run + " (did the injector and Gatling run?)");
            System.exit(1);
        }
        for (int i = 0; i < windows.size(); i++) {
            Window fault = windows.get(i);
            long start = fault.startMillis() / 1000;
            long end = fault.endMillis() / 1000;
            long until = i + 1 < windows.size() ? windows.get(i + 1).startMillis() / 1000 - 1 : Long.MAX_VALUE;
            System.out.printf(Locale.ROOT, "fault %s: %s to %s UTC (%.1f s)%n", fault.name(), CLOCK.format(Instant.ofEpochMilli(fault.startMillis())),
                    CLOCK.format(Instant.ofEpochMilli(fault.endMillis())), (fault.endMillis() - fault.startMillis()) / 1000.0);
            timeline.forEach((kind, seconds) -> report(kind, seconds, start, end, until));
        }
    }

    private static void report(String kind, TreeMap<Long, Second> seconds, long start, long end, long until) {
        Second before = sum(seconds.subMap(start - BASELINE_SECONDS, true, start, false));
        Second during = sum(seconds.subMap(start, true, end, true));
        Map<Long, Second> afterwards = seconds.subMap(end, false, until, true);
        Second after = sum(afterwards);
        long lastError = afterwards.entrySet().stream().filter(e -> e.getValue().errors() > 0)
                .mapToLong(Map.Entry::getKey).max().orElse(end);
        long recovered = lastError + (lastError > end ? 1 : 0);
        Second untilRecovered = sum(seconds.subMap(start, true, recovered, true));
        System.out.printf(Locale.ROOT, "  %-20s 30 s before: %d answers, %d errors, slowest %d ms | during: %d answers, %d errors"
                        + " | after: %d answers, %d errors | recovered %d s after the store returned"
                        + " | slowest answer, fault to recovery: %d ms%n",
                kind, before.ok() + before.errors(), before.errors(), before.slowestMillis(), during.ok() + during.errors(),
                during.errors(), after.ok() + after.errors(), after.errors(), recovered - end, untilRecovered.slowestMillis());
    }

    private static Second sum(Map<Long, Second> seconds) {
        return seconds.values().stream().reduce(new Second(0, 0, 0), Second::plus);
    }
}
