package br.com.healthmed.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * After {@code failover}: compares what the clients were told with what the system holds. A booking is <em>lost</em>
 * when a client got its 201 and the event store or the appointments view has no such appointment; <em>duplicated</em>
 * when the store holds an appointment of this run that no client was told about, or holds one appointment twice, or a
 * patient's list shows more appointments than the clients booked for them. A <em>failed request</em> is a booking whose
 * client, after its retries, ended without an answer or with an error status. A booking is <em>half-applied</em> when
 * its appointment was stored without exactly one {@code SlotHeld} and one {@code PatientTimeBlocked} event (the three
 * are one transaction: anything else is a torn write). Exits 1 on any of them.
 * <p>
 * Usage: {@code FailoverCheck <run folder> <PostgreSQL port> [--refusals-allowed]} (reads BENCH_BASE_URL; psql on the
 * PATH). With {@code --refusals-allowed} (the store-fault scenarios, where a refusal with Retry-After is the intended
 * answer while a store is away) failed bookings are reported but do not fail the check.
 */
public final class FailoverCheck {

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        String port = args[1];
        boolean refusalsAllowed = args.length > 2 && args[2].equals("--refusals-allowed");
        Map<String, String> appointmentPatient = new HashMap<>();
        Map<String, Integer> bookedPerPatient = new TreeMap<>();
        long failed = 0;
        long refused = 0;
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("bookings-.+\\.csv")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.split(",", -1);
                    int status = Integer.parseInt(f[2]);
                    if (status == 201 && !f[3].isBlank()) {
                        appointmentPatient.put(f[3], f[0]);
                    } else if (status == 409 || status == 422) {
                        refused++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        appointmentPatient.forEach((id, login) -> bookedPerPatient.merge(login, 1, Integer::sum));

        long before = Long.parseLong(Files.readString(run.resolve("event-index-before")).strip());
        Map<String, Integer> stored = new HashMap<>();
        for (String row : psql(port, "SELECT aggregate_identifier || ',' || count(*) FROM domain_event_entry WHERE global_index > "
                + before + " AND payload_type LIKE '%AppointmentRequested%' GROUP BY aggregate_identifier")) {
            if (!row.isBlank()) {
                String[] f = row.split(",");
                stored.put(f[0], Integer.parseInt(f[1]));
            }
        }
        Set<String> lostInStore = new HashSet<>(appointmentPatient.keySet());
        lostInStore.removeAll(stored.keySet());
        Set<String> unknownInStore = new HashSet<>(stored.keySet());
        unknownInStore.removeAll(appointmentPatient.keySet());
        long storedTwice = stored.values().stream().filter(n -> n > 1).count();
        long halfApplied = psql(port, "SELECT count(*) FROM domain_event_entry r WHERE r.global_index > " + before
                + " AND r.payload_type LIKE '%AppointmentRequested%' AND ("
                + heldOrBlocked(before, "SlotHeld") + " <> 1 OR " + heldOrBlocked(before, "PatientTimeBlocked") + " <> 1)")
                .stream().filter(row -> !row.isBlank()).mapToLong(row -> Long.parseLong(row.strip())).sum();

        // The appointments view, as each patient sees it.
        HealthMedApi api = new HealthMedApi(URI.create(System.getenv().getOrDefault("BENCH_BASE_URL", "http://127.0.0.1:8080")),
                URI.create(System.getenv().getOrDefault("BENCH_BASE_URL", "http://127.0.0.1:8080")));
        Map<String, String> passwords = new HashMap<>();
        for (Map<String, Object> row : FeedFile.read(run.resolve("patients.csv"))) {
            passwords.put(String.valueOf(row.get("login")), String.valueOf(row.get("password")));
        }
        long lostInView = 0;
        long extraInView = 0;
        for (Map.Entry<String, Integer> patient : bookedPerPatient.entrySet()) {
            String token = api.patientLogin(patient.getKey(), passwords.get(patient.getKey())).accessToken();
            Set<String> seen = new HashSet<>();
            for (int page = 0; ; page++) {
                JsonNode body = api.query("/api/appointments?size=100&page=" + page, token, null).body();
                body.path("content").forEach(a -> seen.add(a.path("appointmentId").asText()));
                if (!body.path("hasNext").asBoolean(false)) {
                    break;
                }
            }
            for (Map.Entry<String, String> booked : appointmentPatient.entrySet()) {
                if (booked.getValue().equals(patient.getKey()) && !seen.remove(booked.getKey())) {
                    lostInView++;
                }
            }
            extraInView += seen.size();
        }

        System.out.printf("failover check: %d bookings answered 201 to the clients, %d refused (409/422: slot taken), %d failed after retries%n",
                appointmentPatient.size(), refused, failed);
        System.out.printf("  event store (events after global index %d): %d appointments requested; lost %d, unknown to any client %d, stored twice %d%n",
                before, stored.size(), lostInStore.size(), unknownInStore.size(), storedTwice);
        System.out.printf("  half-applied (requested without exactly one slot hold and one patient time block): %d%n", halfApplied);
        System.out.printf("  appointments view (%d patients): lost %d, more than booked %d%n", bookedPerPatient.size(), lostInView, extraInView);
        boolean clean = (refusalsAllowed || failed == 0) && lostInStore.isEmpty() && unknownInStore.isEmpty() && storedTwice == 0
                && halfApplied == 0 && lostInView == 0 && extraInView == 0;
        System.out.println("  targets: " + (refusalsAllowed ? "" : "failed requests 0, ")
                + "lost 0, duplicated 0, half-applied 0 -> " + (clean ? "met" : "MISSED"));
        System.exit(clean ? 0 : 1);
    }

    /** How many events of {@code type} after {@code before} name the appointment of row {@code r}. */
    private static String heldOrBlocked(long before, String type) {
        return "(SELECT count(*) FROM domain_event_entry e WHERE e.global_index > " + before + " AND e.payload_type LIKE '%"
                + type + "%' AND convert_from(e.payload, 'UTF8') LIKE '%' || r.aggregate_identifier || '%')";
    }

    private static List<String> psql(String port, String sql) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-At", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                "-d", "healthmed", "-c", sql);
        builder.environment().put("PGPASSWORD", "postgres");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new UncheckedIOException(new IOException("psql failed: " + output));
        }
        return output.lines().toList();
    }
}
