package br.com.healthmed.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The users of scenarios {@code users20k}, {@code failover} and {@code soak}: patients on a journey with think time —
 * the specialties, a search by specialty, a doctor's agenda, and in a share of journeys a login, a booking of the slot
 * they saw and sometimes its cancellation with a justification — and doctors accepting and rejecting the requests in
 * parallel. Every user keeps one keep-alive connection (Gatling's default: connections are per virtual user) and loops
 * until ramp + hold has passed, so the number of open connections stays at the number of users.
 * <p>
 * Gatling marks an answer KO when its status is not one the journey expects; {@link LoadRecorder} keeps the exact
 * counts and latencies for {@link LoadSummary}, which adds up the JVMs of a run. Every request is sent again as a
 * well-behaved client would ({@link RetryPolicy}: Retry-After on 429/503, backing off after no answer or a 502/504, for
 * at most BENCH_RETRY_SECONDS), a write with the same Idempotency-Key; attempts and final outcomes are counted apart.
 * The final outcome of each booking goes to {@code bookings-<shard>.csv} for {@link FailoverCheck}.
 */
public class JourneySimulation extends Simulation {

    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> BOOKED_OR_TAKEN = Set.of(201, 409, 422);
    /** Another user or doctor got there first: the appointment changed state meanwhile. */
    private static final Set<Integer> DONE_OR_RACED = Set.of(200, 409, 422);
    /** Access tokens live 15 minutes; a kept login is renewed well before. */
    private static final long KEEP_LOGIN_MILLIS = 600_000;

    private final LoadSettings settings = LoadSettings.fromEnvironment();
    private final LoadRecorder recorder = new LoadRecorder();
    private final RetryPolicy retries = new RetryPolicy(settings.retryBudget());
    private final long start = System.currentTimeMillis();
    private final long end = settings.endMillis(start);
    private final ConcurrentLinkedQueue<String> bookings = new ConcurrentLinkedQueue<>();
    private final Iterator<Map<String, Object>> patients = circular("patients.csv");
    private final Iterator<Map<String, Object>> doctors = circular("doctors.csv");

    private Iterator<Map<String, Object>> circular(String file) {
        List<Map<String, Object>> rows = FeedFile.read(settings.runDirectory().resolve(file));
        if (rows.isEmpty()) {
            throw new IllegalStateException(file + " is empty; seed first (bench/run.sh does)");
        }
        return java.util.stream.Stream.generate(() -> rows.get(ThreadLocalRandom.current().nextInt(rows.size()))).iterator();
    }

    private ChainBuilder think() {
        long mean = settings.thinkMean().toMillis();
        return pause(Duration.ofMillis(mean / 2), Duration.ofMillis(mean * 3 / 2));
    }

    /** A refusal that tells the client when to come back (429/503) is counted apart from one that does not. */
    private static CheckBuilder retryAfter() {
        return header("Retry-After").optional().saveAs(LoadRecorder.RETRY_AFTER);
    }

    /** One read, counted by the recorder under {@code name}; retried as {@link #call} says. */
    private ChainBuilder step(String name, HttpRequestActionBuilder request, Set<Integer> expected) {
        return call(name, "read", request, expected);
    }

    /** A write, carrying the session's Idempotency-Key, so that sending it again cannot do it twice. */
    private ChainBuilder write(String name, HttpRequestActionBuilder request, Set<Integer> expected) {
        return call(name, "write", request.header("Idempotency-Key", "#{idempotencyKey}"), expected);
    }

    /** A login: sent again as any request, without an Idempotency-Key (logging in twice changes nothing). */
    private ChainBuilder login(String name, HttpRequestActionBuilder request) {
        return call(name, "write", request, OK);
    }

    /**
     * One request as a well-behaved client sends it: again while the answer says to ({@link RetryPolicy}: Retry-After
     * on a 429/503, a growing pause after no answer or a 502/504), within BENCH_RETRY_SECONDS of the first attempt.
     * Every attempt is counted under {@code name}; what the client ended with under {@code name (final)}, with the
     * time from its first attempt to its last answer. Leaves the final status in {@code finalStatus} (0: never answered).
     */
    private ChainBuilder call(String name, String kind, HttpRequestActionBuilder request, Set<Integer> expected) {
        HttpRequestActionBuilder checked = request.check(status().saveAs(LoadRecorder.STATUS),
                responseTimeInMillis().saveAs(LoadRecorder.LATENCY), retryAfter(), status().in(List.copyOf(expected)));
        return exec(session -> session.set("attempt", 0).set("callDone", false).set("finalStatus", 0)
                .set("firstSentAt", System.currentTimeMillis()))
                .asLongAs(session -> !session.getBoolean("callDone")).on(
                        exec(LoadRecorder::markSent)
                                .exec(checked)
                                .exec(session -> {
                                    recorder.record(name, kind, session, expected);
                                    int status = session.contains(LoadRecorder.STATUS) ? session.getInt(LoadRecorder.STATUS) : 0;
                                    int attempt = session.getInt("attempt") + 1;
                                    String retryAfter = session.contains(LoadRecorder.RETRY_AFTER)
                                            ? session.getString(LoadRecorder.RETRY_AFTER) : null;
                                    Duration elapsed = Duration.ofMillis(System.currentTimeMillis() - session.getLong("firstSentAt"));
                                    Optional<Duration> pause = expected.contains(status) ? Optional.empty()
                                            : retries.pauseBefore(attempt, status, retryAfter, elapsed, ThreadLocalRandom.current().nextDouble());
                                    return LoadRecorder.clear(session).markAsSucceeded().set("attempt", attempt)
                                            .set("callDone", pause.isEmpty()).set("finalStatus", status)
                                            .set("retryPauseMillis", pause.map(Duration::toMillis).orElse(0L));
                                })
                                .doIf(session -> !session.getBoolean("callDone"))
                                .then(pause(session -> Duration.ofMillis(session.getLong("retryPauseMillis")))))
                .exec(session -> {
                    int status = session.getInt("finalStatus");
                    Session end = session.set(LoadRecorder.SENT_AT, session.getLong("firstSentAt"));
                    recorder.record(name + " (final)", status == 0 ? end : end.set(LoadRecorder.STATUS, status), expected);
                    return LoadRecorder.clear(session);
                });
    }

    private Session newKey(Session session) {
        return session.set("idempotencyKey", UUID.randomUUID().toString());
    }

    /** Whether this user is still logged in as a patient and may book again without logging in (BENCH_KEEP_LOGIN). */
    private boolean loggedIn(Session session) {
        return settings.keepLogin() && session.contains("token")
                && System.currentTimeMillis() - session.getLong("tokenAt") < KEEP_LOGIN_MILLIS;
    }

    private final ChainBuilder bookAndMaybeCancel = exec(session -> session.remove("appointmentId"))
            .doIf(session -> !loggedIn(session)).then(
                    exec(session -> session.remove("token"))
                            .feed(patients)
                            .exec(login("patient login", http("patient login").post("/api/auth/patient/login")
                                    .body(StringBody("{\"login\":\"#{login}\",\"password\":\"#{password}\"}"))
                                    .check(jsonPath("$.accessToken").optional().saveAs("token"))))
                            .exec(session -> session.set("tokenAt", System.currentTimeMillis())))
            .doIf(session -> session.contains("token")).then(
                    exec(this::newKey)
                            .exec(write("book", http("book").post("/api/appointments")
                                    .header("Authorization", "Bearer #{token}")
                                    .body(StringBody("{\"slotId\":\"#{slotId}\"}"))
                                    .check(jsonPath("$.appointmentId").optional().saveAs("appointmentId")), BOOKED_OR_TAKEN))
                            .exec(session -> {
                                bookings.add(String.join(",", session.getString("login"), session.getString("idempotencyKey"),
                                        Integer.toString(session.getInt("finalStatus")),
                                        session.contains("appointmentId") ? session.getString("appointmentId") : ""));
                                return session;
                            })
                            .doIf(session -> session.contains("appointmentId")
                                    && ThreadLocalRandom.current().nextDouble() < settings.cancelShare()).then(
                                    think().exec(this::newKey).exec(write("cancel", http("cancel")
                                            .post("/api/appointments/#{appointmentId}/cancel")
                                            .header("Authorization", "Bearer #{token}")
                                            .body(StringBody("{\"justification\":\"Não poderei comparecer neste horário.\"}")),
                                            DONE_OR_RACED))));

    private final ChainBuilder journey = exec(session -> session.remove("slotId").remove("doctorId"))
            .exec(step("specialties", http("specialties").get("/api/specialties"), OK))
            .exec(think())
            .exec(step("search", http("search").get("/api/doctors?specialty=" + LoadSeed.SPECIALTY + "&size=10")
                    .check(jsonPath("$.content[*].id").findRandom().optional().saveAs("doctorId")), OK))
            .exec(think())
            .doIf(session -> session.contains("doctorId")).then(
                    step("agenda", http("agenda").get("/api/doctors/#{doctorId}/agenda")
                            .check(jsonPath("$.slots[*].slotId").findRandom().optional().saveAs("slotId")), OK)
                            .exec(think()))
            .doIf(session -> session.contains("slotId") && ThreadLocalRandom.current().nextDouble() < settings.bookingShare())
            .then(bookAndMaybeCancel);

    private final ScenarioBuilder patientsJourney = scenario("patients")
            .asLongAs(session -> System.currentTimeMillis() < end).on(journey);

    /** A doctor checks the pending requests, accepts or rejects the first, and pauses; logs in again every 10 min. */
    private final ScenarioBuilder doctorsAtWork = scenario("doctors")
            .feed(doctors)
            .asLongAs(session -> System.currentTimeMillis() < end).on(
                    doIf(session -> !session.contains("doctorToken")
                            || System.currentTimeMillis() - session.getLong("doctorTokenAt") > 600_000).then(
                            exec(login("doctor login", http("doctor login").post("/api/auth/doctor/login")
                                            .body(StringBody("{\"crm\":\"#{crm}\",\"uf\":\"#{uf}\",\"password\":\"#{password}\"}"))
                                            .check(jsonPath("$.accessToken").optional().saveAs("doctorToken"))))
                                    .exec(session -> session.set("doctorTokenAt", System.currentTimeMillis())))
                            .exec(session -> session.remove("pendingId"))
                            .doIf(session -> session.contains("doctorToken")).then(
                                    step("doctor requests", http("doctor requests").get("/api/appointments?status=REQUESTED&size=5")
                                            .header("Authorization", "Bearer #{doctorToken}")
                                            .check(jsonPath("$.content[0].id").optional().saveAs("pendingId")), OK))
                            .doIf(session -> session.contains("pendingId")).then(
                                    exec(this::newKey).exec(session -> session.set("accept", ThreadLocalRandom.current().nextDouble() < 0.7))
                                            .doIfOrElse(session -> session.getBoolean("accept")).then(
                                                    write("accept", http("accept").post("/api/appointments/#{pendingId}/accept")
                                                            .header("Authorization", "Bearer #{doctorToken}"), DONE_OR_RACED))
                                            .orElse(write("reject", http("reject").post("/api/appointments/#{pendingId}/reject")
                                                    .header("Authorization", "Bearer #{doctorToken}")
                                                    .body(StringBody("{\"reason\":\"Horário indisponível por compromisso no hospital.\"}")),
                                                    DONE_OR_RACED)))
                            .exec(think()));

    {
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .disableWarmUp()
                .disableCaching();
        if (!settings.localAddress().isBlank()) {
            protocol = protocol.localAddress(settings.localAddress());
        }
        List<io.gatling.javaapi.core.PopulationBuilder> populations = new ArrayList<>();
        populations.add(patientsJourney.injectOpen(ramp(settings.users())));
        if (settings.doctors() > 0) {
            populations.add(doctorsAtWork.injectOpen(ramp(settings.doctors())));
        }
        setUp(populations).protocols(protocol).maxDuration(settings.ramp().plus(settings.hold()).plusMinutes(2));
    }

    private OpenInjectionStep[] ramp(int users) {
        return new OpenInjectionStep[]{nothingFor(Duration.ZERO), rampUsers(users).during(settings.ramp())};
    }

    @Override
    public void after() {
        recorder.write(settings.runDirectory().resolve("load-" + settings.shard() + ".properties"));
        recorder.writeTimeline(settings.runDirectory().resolve("timeline-" + settings.shard() + ".csv"));
        try {
            Files.write(settings.runDirectory().resolve("bookings-" + settings.shard() + ".csv"), new ArrayList<>(bookings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
