package br.com.healthmed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rows the seeding hands to a simulation: comma-separated, a header line, values that never contain a comma
 * (ids, access tokens, labels).
 */
final class FeedFile {

    /** Set on the row a queue feeder hands out once its rows are used up, instead of stopping Gatling abruptly. */
    static final String EXHAUSTED = "exhausted";

    private FeedFile() {
    }

    static void write(Path file, List<String> columns, List<List<String>> rows) {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(String.join(",", columns));
        for (List<String> row : rows) {
            if (row.size() != columns.size() || row.stream().anyMatch(value -> value.contains(","))) {
                throw new IllegalArgumentException("a row of " + file + " does not fit its columns " + columns);
            }
            lines.add(String.join(",", row));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; run the benchmark through bench/booking.sh", e);
        }
        String[] columns = lines.getFirst().split(",", -1);
        List<Map<String, Object>> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], values[i]);
            }
            row.put(EXHAUSTED, false);
            rows.add(row);
        }
        return rows;
    }

    /**
     * Hands out each row once, then rows marked {@link #EXHAUSTED}, so that a scenario can stop cleanly and say the
     * seeded supply was too small rather than reuse a slot (which would measure a conflict, not a booking).
     */
    static Iterator<Map<String, Object>> queue(List<Map<String, Object>> rows) {
        AtomicInteger next = new AtomicInteger();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                int index = next.getAndIncrement();
                if (index < rows.size()) {
                    return rows.get(index);
                }
                if (index == Integer.MAX_VALUE) {
                    throw new NoSuchElementException();
                }
                return Map.of(EXHAUSTED, true);
            }
        };
    }
}
