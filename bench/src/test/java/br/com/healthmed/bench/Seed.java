package br.com.healthmed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Seeds, through the public API of a running ./run.sh, what one scenario needs: verified doctors with published weekly
 * patterns, patients with access tokens. Every run registers new people (fresh CRMs, CPFs and e-mails), so runs can be
 * repeated on the same data and never book against each other's slots. Writes the feeder files and
 * {@code seed.properties} into the run folder, after waiting (for at most {@code BENCH_PROJECTION_WAIT_SECONDS}) until the
 * query side has projected everything, so that the measurement does not share the CPU with that catch-up; the lag left
 * when it gives up is recorded.
 * <p>
 * Access tokens live 15 minutes: the feeder files get tokens renewed at the very end of the seeding.
 */
public final class Seed {

    /** The seeded accounts are used only by this run, so their password is made for it and kept nowhere. */
    private final String password = newPassword();
    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    private static final List<String> EVERY_DAY =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    /** The command side accepts at most this many slots from one weekly pattern. */
    private static final int MAX_SLOTS_PER_PATTERN = 1000;

    private final BenchSettings settings;
    private final HealthMedApi api;
    private final String adminEmail;
    private final String adminPassword;
    private final String adminTotpSecret;
    private final String runId;
    private final SecureRandom random = new SecureRandom();
    private final Properties facts = new Properties();
    private final AtomicInteger patientsSeeded = new AtomicInteger();
    private final LocalDate firstDay;
    private String adminToken;
    private Instant adminTokenAt = Instant.EPOCH;

    private Seed(BenchSettings settings, String adminEmail, String adminPassword, String adminTotpSecret) {
        this.settings = settings;
        this.api = new HealthMedApi(settings.commandUrl(), settings.queryUrl());
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.adminTotpSecret = adminTotpSecret;
        this.runId = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(random.nextInt(36 * 36), 36);
        // The day after tomorrow in the doctors' zone: far beyond the two-hour minimum notice, wherever "now" falls.
        this.firstDay = LocalDate.now(ZONE).plusDays(2);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Seed throughput|history|rush|retry");
        }
        Seed seed = new Seed(BenchSettings.fromEnvironment(), environment("BENCH_ADMIN_EMAIL"), environment("BENCH_ADMIN_PASSWORD"),
                environment("BENCH_ADMIN_TOTP_SECRET"));
        Instant started = Instant.now();
        switch (args[0]) {
            case "throughput" -> seed.throughput();
            case "history" -> seed.history();
            case "rush" -> seed.rush();
            case "retry" -> seed.retry();
            default -> throw new IllegalArgumentException("unknown scenario '" + args[0] + "'; expected throughput, history, rush or retry");
        }
        Duration wait = seed.settings.projectionWait();
        seed.log("waiting until the query side has projected the seeded events (at most " + wait.toSeconds() + " s) ...");
        long lag = seed.api.awaitProjectionsCaughtUp(seed.adminToken(), wait);
        if (lag > 0) {
            seed.log("the query side's slowest projection is still " + lag + " events behind; measuring anyway");
        }
        seed.facts.setProperty("projectionLagAtStart", Long.toString(lag));
        seed.writeFeeds();
        seed.facts.setProperty("scenario", args[0]);
        seed.facts.setProperty("runId", seed.runId);
        seed.facts.setProperty("seedSeconds", Long.toString(Duration.between(started, Instant.now()).toSeconds()));
        seed.writeFacts();
        seed.log("seeded in " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    /**
     * Distinct patients booking distinct free slots. Each doctor's slots are shared out among a few patients of its own,
     * so no patient ever holds two overlapping slots; the rows go round-robin over the doctors, so the concurrent
     * clients book for different doctors and different patients and contend on no aggregate.
     */
    private void throughput() {
        int doctorCount = Math.max(2 * settings.clients(), ceilDiv(settings.throughputSlots(), 800));
        int slotsPerDoctor = ceilDiv(settings.throughputSlots(), doctorCount);
        int patientsPerDoctor = settings.patientsPerDoctor();
        log("throughput: " + doctorCount + " doctors with " + slotsPerDoctor + " slots, " + patientsPerDoctor
                + " patients each, for " + settings.throughputSlots() + " bookings at most");
        // Every day 07:00-19:00 in 20-minute slots: 36 a day.
        int days = ceilDiv(slotsPerDoctor, 36);
        Map<String, Object> pattern = pattern(EVERY_DAY, "07:00", "19:00", 20, firstDay, firstDay.plusDays(days - 1));
        List<SeededDoctor> doctors = parallel(doctorCount, i -> doctor("t" + i, List.of(pattern)));
        List<String> patientLogins = parallel(doctorCount * patientsPerDoctor, i -> registerPatient("t" + i));
        int first = logIn(patientLogins);

        List<Integer> patients = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int slot = 0; slot < slotsPerDoctor; slot++) {
            for (int d = 0; d < doctorCount; d++) {
                patients.add(first + d * patientsPerDoctor + slot % patientsPerDoctor);
                rows.add(List.of(doctors.get(d).slots().get(slot).toString()));
            }
        }
        feed("throughput.csv", List.of("slotId"), patients, rows);
        fact("throughput.doctors", doctorCount);
        fact("throughput.patients", patientLogins.size());
        fact("throughput.slots", rows.size());
    }

    /**
     * One doctor whose schedule holds at least {@code historySlots} published slots (weekly patterns of at most 1,000
     * slots each, one after another across the booking horizon) and one with 50. The rows alternate between the two,
     * so a burst of noise on the shared machine hits both alike; every booking has a patient of its own.
     */
    private void history() {
        List<Map<String, Object>> longPatterns = new ArrayList<>();
        // Every day 07:00-19:00 in 15-minute slots: 48 a day, 20 days (960 slots) per pattern, up to 178 days ahead.
        LocalDate lastDay = LocalDate.now(ZONE).plusDays(178);
        for (LocalDate from = firstDay; !from.isAfter(lastDay); from = from.plusDays(20)) {
            LocalDate to = from.plusDays(19).isAfter(lastDay) ? lastDay : from.plusDays(19);
            longPatterns.add(pattern(EVERY_DAY, "07:00", "19:00", 15, from, to));
        }
        // 08:00-10:30 in 15-minute slots, 5 days: 50 slots.
        Map<String, Object> shortPattern = pattern(EVERY_DAY, "08:00", "10:30", 15, firstDay, firstDay.plusDays(4));
        log("history: one doctor with " + longPatterns.size() + " weekly patterns, one with 50 slots");
        List<SeededDoctor> doctors = parallel(2, i -> i == 0 ? doctor("h-long", longPatterns) : doctor("h-short", List.of(shortPattern)));
        SeededDoctor longHistory = doctors.get(0);
        SeededDoctor shortHistory = doctors.get(1);
        if (longHistory.slots().size() < settings.historySlots()) {
            throw new IllegalStateException("the long-history doctor got " + longHistory.slots().size()
                    + " slots, fewer than BENCH_HISTORY_SLOTS=" + settings.historySlots());
        }
        int bookings = Math.min(settings.historyBookings(), shortHistory.slots().size());
        List<String> patientLogins = parallel(2 * bookings, i -> registerPatient("h" + i));
        int first = logIn(patientLogins);

        List<Integer> patients = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        int stride = longHistory.slots().size() / bookings;
        for (int i = 0; i < bookings; i++) {
            patients.add(first + 2 * i);
            rows.add(List.of("long", longHistory.slots().get(i * stride).toString()));
            patients.add(first + 2 * i + 1);
            rows.add(List.of("short", shortHistory.slots().get(i).toString()));
        }
        feed("history.csv", List.of("doctor", "slotId"), patients, rows);
        fact("history.longSlots", longHistory.slots().size());
        fact("history.longPatterns", longPatterns.size());
        fact("history.shortSlots", shortHistory.slots().size());
        fact("history.bookingsPerDoctor", bookings);
    }

    /** One doctor's few free slots, many patients: patient i goes for slot i modulo the number of slots. */
    private void rush() {
        int slots = settings.rushSlots();
        // One day, 08:00 onwards in 15-minute slots: exactly the slots asked for (at most 64 fit before 24:00).
        if (slots > 60) {
            throw new IllegalArgumentException("BENCH_RUSH_SLOTS must be at most 60");
        }
        String end = java.time.LocalTime.of(8, 0).plusMinutes(15L * slots).toString();
        log("rush: " + settings.rushPatients() + " patients, one doctor with " + slots + " slots");
        SeededDoctor doctor = doctor("r", List.of(pattern(EVERY_DAY, "08:00", end, 15, firstDay.plusDays(1), firstDay.plusDays(1))));
        List<String> patientLogins = parallel(settings.rushPatients(), i -> registerPatient("r" + i));
        int first = logIn(patientLogins);
        List<Integer> patients = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < patientLogins.size(); i++) {
            patients.add(first + i);
            rows.add(List.of(doctor.slots().get(i % slots).toString()));
        }
        feed("rush.csv", List.of("slotId"), patients, rows);
        fact("rush.slots", doctor.slots().size());
        fact("rush.patients", patientLogins.size());
        rushDoctorCrm = doctor.crm();
    }

    /** One patient, one doctor: the booking whose answer the client never sees, then its retry. */
    private void retry() {
        SeededDoctor doctor = doctor("x", List.of(pattern(EVERY_DAY, "08:00", "09:00", 15, firstDay, firstDay)));
        int patient = logIn(List.of(registerPatient("x0")));
        feed("retry.csv", List.of("slotId", "idempotencyKey"), List.of(patient),
                List.of(List.of(doctor.slots().getFirst().toString(), UUID.randomUUID().toString())));
        fact("retry.slots", doctor.slots().size());
    }

    record SeededDoctor(UUID id, String crm, List<UUID> slots) {
    }

    /**
     * A feeder file whose rows need patients' access tokens. Logging 2,000 patients in takes longer than a token lives
     * on a busy machine (each login hashes a password on purpose), so the rows are written only at the very end, with
     * tokens renewed through the refresh endpoint, which hashes nothing.
     */
    private record PendingFeed(String file, List<String> columns, List<Integer> patients, List<List<String>> values) {
    }

    private final List<PendingFeed> pendingFeeds = new ArrayList<>();
    private String rushDoctorCrm;
    private List<HealthMedApi.Tokens> patientTokens = new ArrayList<>();

    /** Rows of {@code token} (the patient's access token, filled in at the end) followed by {@code values}. */
    private void feed(String file, List<String> columns, List<Integer> patients, List<List<String>> values) {
        pendingFeeds.add(new PendingFeed(file, columns, patients, values));
    }

    private void writeFeeds() {
        if (rushDoctorCrm != null) {
            facts.setProperty("rush.doctorToken", api.doctorLogin(rushDoctorCrm, "SP", password));
        }
        log("renewing " + patientTokens.size() + " patients' access tokens ...");
        List<HealthMedApi.Tokens> fresh = parallel(patientTokens.size(), i -> api.refresh(patientTokens.get(i).refreshToken()));
        for (PendingFeed feed : pendingFeeds) {
            List<List<String>> rows = new ArrayList<>(feed.values().size());
            for (int i = 0; i < feed.values().size(); i++) {
                List<String> row = new ArrayList<>();
                row.add(fresh.get(feed.patients().get(i)).accessToken());
                row.addAll(feed.values().get(i));
                rows.add(row);
            }
            List<String> columns = new ArrayList<>();
            columns.add("token");
            columns.addAll(feed.columns());
            FeedFile.write(file(feed.file()), columns, rows);
        }
    }

    /** Logs the patients in (in order) and answers the index of the first in {@link #patientTokens}. */
    private int logIn(List<String> logins) {
        int first = patientTokens.size();
        patientTokens.addAll(parallel(logins.size(), i -> api.patientLogin(logins.get(i), password)));
        return first;
    }

    private synchronized String adminToken() {
        if (Duration.between(adminTokenAt, Instant.now()).compareTo(Duration.ofMinutes(10)) > 0) {
            adminToken = api.adminLogin(adminEmail, adminPassword, adminTotpSecret);
            adminTokenAt = Instant.now();
        }
        return adminToken;
    }

    private SeededDoctor doctor(String label, List<Map<String, Object>> patterns) {
        String crm = (1 + random.nextInt(9)) + String.format("%09d", random.nextInt(1_000_000_000));
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", "Bench Doctor " + label);
        registration.put("crm", crm);
        registration.put("uf", "SP");
        registration.put("email", "bench." + runId + "." + label + "@bench.healthmed.local");
        registration.put("specialty", "CLINICA_MEDICA");
        registration.put("consultationPrice", new BigDecimal("200.00"));
        registration.put("timeZone", ZONE.getId());
        registration.put("password", password);
        UUID doctorId = api.registerDoctor(registration);
        api.verifyDoctor(adminToken(), doctorId);
        String token = api.doctorLogin(crm, "SP", password);
        List<UUID> slots = new ArrayList<>();
        for (Map<String, Object> pattern : patterns) {
            slots.addAll(api.publishWeeklyPattern(token, pattern));
        }
        return new SeededDoctor(doctorId, crm, slots);
    }

    /** Registers a patient and answers their login name (the e-mail). */
    private String registerPatient(String label) {
        String email = "bench." + runId + "." + label + "@bench.healthmed.local";
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", "Bench Patient " + label);
        registration.put("email", email);
        registration.put("cpf", randomCpf());
        registration.put("password", password);
        api.registerPatient(registration);
        int seeded = patientsSeeded.incrementAndGet();
        if (seeded % 250 == 0) {
            log(seeded + " patients registered");
        }
        return email;
    }

    private static Map<String, Object> pattern(List<String> weekdays, String startTime, String endTime, int slotMinutes,
                                               LocalDate fromDate, LocalDate toDate) {
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("weekdays", weekdays);
        pattern.put("startTime", startTime);
        pattern.put("endTime", endTime);
        pattern.put("slotMinutes", slotMinutes);
        pattern.put("fromDate", fromDate.toString());
        pattern.put("toDate", toDate.toString());
        return pattern;
    }

    /** Nine random digits and the two check digits that make them a valid CPF. */
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

    /** Runs {@code count} seeding steps on a few threads; answers their results in index order, or the first failure. */
    private <T> List<T> parallel(int count, IntFunction<T> step) {
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.seedThreads())) {
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
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Path file(String name) {
        return settings.runDirectory().resolve(name);
    }

    private void fact(String key, int value) {
        facts.setProperty(key, Integer.toString(value));
    }

    private void writeFacts() {
        try (Writer writer = Files.newBufferedWriter(file("seed.properties"))) {
            facts.store(writer, "what bench/booking.sh seeded for this run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void log(String message) {
        System.out.println("[seed " + runId + "] " + message);
    }

    private static String environment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; run the benchmark through bench/booking.sh");
        }
        return value;
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "bench-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
