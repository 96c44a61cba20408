package br.com.healthmed.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Seeds, through the gateway, what the load scenarios' journeys need: verified doctors in one specialty with a week of
 * free slots (what patients search, read and book), and patients to log in as. New people every run (fresh CRMs, CPFs,
 * e-mails) and a password made for the run, so runs never book against each other's accounts. The password is written
 * into the run folder's feeder files (under bench/target, never committed): the journeys log in with it, as users do.
 * <p>
 * Usage: {@code LoadSeed <doctors> <patients>}; reads BENCH_BASE_URL, BENCH_RUN_DIR, BENCH_ADMIN_EMAIL,
 * BENCH_ADMIN_PASSWORD, BENCH_ADMIN_TOTP_SECRET and BENCH_QUERY_URL (a query-side replica's own port: the gateway does not serve
 * {@code /actuator/processors}). Writes {@code doctors.csv} (crm, uf, password) and {@code patients.csv} (login, password).
 */
public final class LoadSeed {

    static final String SPECIALTY = "CLINICA_MEDICA";
    private static final List<String> EVERY_DAY =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    private final SecureRandom random = new SecureRandom();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final String password = "Load-" + UUID.randomUUID();
    private final HealthMedApi api;
    private final Path runDirectory;

    /** Writes go through the gateway; the projection status is read on a query-side replica's own port. */
    private LoadSeed(URI baseUrl, URI queryReplicaUrl, Path runDirectory) {
        this.api = new HealthMedApi(baseUrl, queryReplicaUrl);
        this.runDirectory = runDirectory;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LoadSeed <doctors> <patients>");
        }
        String base = System.getenv().getOrDefault("BENCH_BASE_URL", "http://127.0.0.1:8080");
        URI queryReplica = URI.create(System.getenv().getOrDefault("BENCH_QUERY_URL", "http://127.0.0.1:8082"));
        LoadSeed seed = new LoadSeed(URI.create(base), queryReplica, Path.of(required("BENCH_RUN_DIR")));
        String admin = seed.api.adminLogin(required("BENCH_ADMIN_EMAIL"), required("BENCH_ADMIN_PASSWORD"),
                required("BENCH_ADMIN_TOTP_SECRET"));
        int doctors = Integer.parseInt(args[0]);
        int patients = Integer.parseInt(args[1]);
        System.out.println("[load-seed] " + doctors + " doctors with a week of slots, " + patients + " patients ...");
        List<List<String>> doctorRows = seed.parallel(doctors, i -> seed.doctor(admin, "d" + i));
        List<List<String>> patientRows = seed.parallel(patients, i -> seed.patient("p" + i));
        FeedFile.write(seed.runDirectory.resolve("doctors.csv"), List.of("crm", "uf", "password"), doctorRows);
        FeedFile.write(seed.runDirectory.resolve("patients.csv"), List.of("login", "password"), patientRows);
        long lag = seed.api.awaitProjectionsCaughtUp(admin, java.time.Duration.ofMinutes(5));
        System.out.println("[load-seed] done; the query side is " + lag + " events behind");
    }

    private List<String> doctor(String adminToken, String label) {
        String crm = (1 + random.nextInt(9)) + String.format("%09d", random.nextInt(1_000_000_000));
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", "Load Doctor " + runId + " " + label);
        registration.put("crm", crm);
        registration.put("uf", "SP");
        registration.put("email", "load." + runId + "." + label + "@bench.healthmed.local");
        registration.put("specialty", SPECIALTY);
        registration.put("consultationPrice", new BigDecimal("180.00"));
        registration.put("timeZone", Seed.ZONE.getId());
        registration.put("password", password);
        UUID doctorId = api.registerDoctor(registration);
        api.verifyDoctor(adminToken, doctorId);
        String token = api.doctorLogin(crm, "SP", password);
        LocalDate first = LocalDate.now(Seed.ZONE).plusDays(1);
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("weekdays", EVERY_DAY);
        pattern.put("startTime", "07:00");
        pattern.put("endTime", "19:00");
        pattern.put("slotMinutes", 20);
        pattern.put("fromDate", first.toString());
        pattern.put("toDate", first.plusDays(6).toString());
        api.publishWeeklyPattern(token, pattern);
        return List.of(crm, "SP", password);
    }

    private List<String> patient(String label) {
        String email = "load." + runId + "." + label + "@bench.healthmed.local";
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", "Load Patient " + label);
        registration.put("email", email);
        registration.put("cpf", randomCpf());
        registration.put("password", password);
        api.registerPatient(registration);
        return List.of(email, password);
    }

    private String randomCpf() {
        StringBuilder digits = new StringBuilder(11);
        for (int i = 0; i < 9; i++) {
            digits.append(random.nextInt(10));
        }
        digits.append(checkDigit(digits, 9));
        digits.append(checkDigit(digits, 10));
        return digits.toString();
    }

    private static int checkDigit(CharSequence digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int remainder = (sum * 10) % 11;
        return remainder == 10 ? 0 : remainder;
    }

    private <T> List<T> parallel(int count, IntFunction<T> step) {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> step.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; run the scenario through bench/run.sh");
        }
        return value;
    }
}
