package br.com.healthmed.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.rendezVous;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 3: {@code BENCH_RUSH_PATIENTS} (2,000) patients, each with a connection of their own, wait for one another
 * and then all request one of the same doctor's {@code BENCH_RUSH_SLOTS} (40) free slots at once.
 * <p>
 * Expected (issue 7): exactly 40 appointments; every other answer 409, or 429/503 with Retry-After (which the patient
 * honours, retrying at most three times); no other 5xx; every answer within 2 s. Gatling asserts the statuses, Retry-After and the 2 s; once the race is over, the doctor's appointments are
 * counted through the query API (after the appointments view has caught up with the head of the event stream), and
 * the summary checks that exactly 40 requests were answered 201.
 */
public class RushSimulation extends Simulation {

    static final String RUSH = "rush";
    private static final String BOOK = "rush: request one of the doctor's slots";
    private static final String COUNT = "rush: count the doctor's appointments";
    private static final String DOCTOR_TOKEN = "doctorToken";
    private static final String ADMIN_TOKEN = "adminToken";
    private static final String ADMIN_CHALLENGE = "adminChallenge";
    private static final String HEAD = "head";
    private static final String PROJECTED = "projected";
    private static final String COUNTED = "counted";
    private static final String RETRY_AFTER = "retryAfter";
    private static final String ATTEMPTS = "attempts";
    private static final String LAST_STATUS = "lastStatus";
    /** How often a patient told "busy" tries again; enough for the 40 slots to end booked, bounded so the run ends. */
    private static final int MAX_RETRIES = 3;

    private final BenchSettings settings = BenchSettings.fromEnvironment();
    private final Outcomes outcomes = new Outcomes();
    private final Properties seeded = seedFacts(settings);
    private final int patients = Integer.parseInt(seeded.getProperty("rush.patients"));
    private final int slots = Integer.parseInt(seeded.getProperty("rush.slots"));

    private final ScenarioBuilder race = scenario("rush")
            .feed(FeedFile.queue(FeedFile.read(settings.runDirectory().resolve("rush.csv"))))
            .exec(rendezVous(patients))
            .exec(bookHonouringRetryAfter());

    /**
     * A well-behaved client: a 429 or 503 answer says "busy, try again after Retry-After seconds", so the patient
     * waits that long and sends the same request again (same Idempotency-Key), at most {@link #MAX_RETRIES} times.
     * Without it a slot whose every contender was told to come back later stays free, which is not what a real
     * rush ends with. Every attempt is counted and must be answered within 2 s.
     */
    private ChainBuilder bookHonouringRetryAfter() {
        HttpRequestActionBuilder request = Booking.request(BOOK, status().in(201, 409, 429, 503),
                        header("Retry-After").optional().saveAs(RETRY_AFTER))
                .checkIf((response, session) -> busy(response.status().code()))
                .then(header("Retry-After").exists());
        return exec(session -> session.set(Booking.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                        .set(ATTEMPTS, 0).set(LAST_STATUS, 0))
                .asLongAs(session -> session.getInt(ATTEMPTS) == 0
                        || (busy(session.getInt(LAST_STATUS)) && session.getInt(ATTEMPTS) <= MAX_RETRIES)).on(
                        pause(session -> Duration.ofSeconds(session.contains(RETRY_AFTER)
                                ? Math.min(Long.parseLong(session.getString(RETRY_AFTER)), 10) : 0))
                                .exec(session -> Outcomes.markSent(session.remove(RETRY_AFTER)))
                                .exec(request)
                                .exec(session -> {
                                    int status = session.contains(Outcomes.STATUS) ? session.getInt(Outcomes.STATUS) : Outcomes.NO_ANSWER;
                                    if (session.getInt(ATTEMPTS) > 0) {
                                        outcomes.record(RUSH + ".retried", session);
                                    }
                                    return outcomes.record(RUSH, session.set(LAST_STATUS, status))
                                            .set(ATTEMPTS, session.getInt(ATTEMPTS) + 1);
                                }));
    }

    private static boolean busy(int status) {
        return status == 429 || status == 503;
    }

    private final ScenarioBuilder count = scenario("rush: count")
            .exec(session -> session.set(DOCTOR_TOKEN, seeded.getProperty("rush.doctorToken")).set(PROJECTED, -1L))
            .exec(http("rush: admin login").post("/api/auth/admin/login")
                    .body(StringBody(session -> adminLogin()))
                    .check(status().is(401), jsonPath("$.challengeToken").saveAs(ADMIN_CHALLENGE)))
            .exec(http("rush: admin second factor").post("/api/auth/mfa")
                    .body(StringBody(session -> secondFactor(session.getString(ADMIN_CHALLENGE))))
                    .check(status().is(200), jsonPath("$.accessToken").saveAs(ADMIN_TOKEN)))
            .exec(processors("rush: head of the event stream after the race")
                    .check(status().is(200), jsonPath("$.head").ofLong().saveAs(HEAD)))
            .exec(awaitAppointmentsView())
            .exec(query(COUNT, "/api/appointments?size=100")
                    .check(status().is(200), jsonPath("$.totalElements").ofInt().saveAs(COUNTED),
                            jsonPath("$.totalElements").ofInt().is(slots)))
            .exec(session -> {
                outcomes.note(RUSH + ".appointmentsCounted", session.contains(COUNTED) ? session.getInt(COUNTED) : "unknown");
                return session;
            });

    /**
     * Polls the projections' positions (ADMIN) until the appointments view has projected everything up to the head of
     * the stream after the race, for at most about two minutes; the count follows either way and fails if the view is
     * still behind. It waits for that view only: after a large seeding another projection can lag for many minutes,
     * and a read carrying a consistency token would wait for all of them.
     */
    private ChainBuilder awaitAppointmentsView() {
        return asLongAs(session -> session.getLong(PROJECTED) < session.getLong(HEAD) && session.getInt("attempt") < 120,
                "attempt").on(
                exec(processors("rush: wait until the appointments view has every booking")
                        .check(status().is(200),
                                jsonPath("$.processors[?(@.name == 'appointments')].position").ofLong().saveAs(PROJECTED)))
                        .doIf(session -> session.getLong(PROJECTED) < session.getLong(HEAD)).then(pause(Duration.ofSeconds(1))));
    }

    private HttpRequestActionBuilder processors(String name) {
        return http(name).get(settings.queryUrl().resolve("/actuator/processors").toString())
                .header("Authorization", "Bearer #{" + ADMIN_TOKEN + "}");
    }

    /** The challenge answered with a code of the ADMIN's TOTP secret (BENCH_ADMIN_TOTP_SECRET, ADR 0024). */
    private static String secondFactor(String challengeToken) {
        try {
            return new ObjectMapper().writeValueAsString(Map.of("challengeToken", challengeToken,
                    "code", BenchTotp.next(System.getenv("BENCH_ADMIN_TOTP_SECRET"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String adminLogin() {
        try {
            return new ObjectMapper().writeValueAsString(Map.of(
                    "email", System.getenv("BENCH_ADMIN_EMAIL"), "password", System.getenv("BENCH_ADMIN_PASSWORD")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequestActionBuilder query(String name, String path) {
        return http(name).get(settings.queryUrl().resolve(path).toString())
                .header("Authorization", "Bearer #{" + DOCTOR_TOKEN + "}");
    }

    {
        setUp(race.injectOpen(atOnceUsers(patients)).andThen(count.injectOpen(atOnceUsers(1))))
                .protocols(Booking.commandSide(settings, false))
                .assertions(
                        details(BOOK).failedRequests().count().is(0L),
                        details(BOOK).responseTime().max().lt(2000),
                        details(COUNT).allRequests().count().is(1L),
                        details(COUNT).failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        outcomes.write(settings.runDirectory().resolve("outcomes.properties"));
    }

    static Properties seedFacts(BenchSettings settings) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(settings.runDirectory().resolve("seed.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed.properties; run the benchmark through bench/booking.sh", e);
        }
        return properties;
    }
}
