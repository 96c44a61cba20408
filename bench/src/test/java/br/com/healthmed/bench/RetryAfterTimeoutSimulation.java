package br.com.healthmed.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 4: a client that gives up waiting and retries must end up with the appointment it created, once.
 * <p>
 * Needs a command side started with {@code healthmed.booking.fault-injection.handler-delay} longer than the client
 * timeout ({@code BENCH_CLIENT_TIMEOUT_SECONDS}, 5 s), e.g.
 * {@code HEALTHMED_JAVA_OPTS=-Dhealthmed.booking.fault-injection.handler-delay=PT20S ./run.sh}. The first attempt is
 * abandoned after the client timeout (Gatling asserts that it was: otherwise the delay is not on and nothing is
 * tested); the client then retries with the same Idempotency-Key every second while the server answers 409
 * {@code idempotency-request-in-progress}, until it gets 201. Finally the patient's appointments are read through the
 * query API: exactly one, with the id the retry returned.
 */
public class RetryAfterTimeoutSimulation extends Simulation {

    static final String FIRST_KEY = "retry-first";
    static final String RETRY_KEY = "retry-again";
    private static final String FIRST = "retry: first attempt, abandoned at the client timeout";
    private static final String RETRY = "retry: same Idempotency-Key again";
    private static final String COUNT = "retry: count the patient's appointments";
    private static final String IN_PROGRESS = "idempotency-request-in-progress";
    private static final String APPOINTMENT_ID = "appointmentId";
    private static final String CODE = "code";
    private static final String SEEN = "appointmentsSeen";

    private final BenchSettings settings = BenchSettings.fromEnvironment();
    private final Outcomes outcomes = new Outcomes();

    private final ScenarioBuilder retry = scenario("retry after timeout")
            .exec(feed(FeedFile.queue(FeedFile.read(settings.runDirectory().resolve("retry.csv")))))
            .exec(Outcomes::markSent)
            .exec(Booking.request(FIRST, status().is(201)).requestTimeout(settings.clientTimeout()))
            .exec(session -> outcomes.record(FIRST_KEY, session))
            .asLongAs(session -> !session.contains(APPOINTMENT_ID) && stillInProgress(session) && session.getInt("attempt") < 120,
                    "attempt").on(
                    pause(Duration.ofSeconds(1))
                            .exec(session -> Outcomes.markSent(session.remove(CODE)))
                            .exec(Booking.request(RETRY, status().in(201, 409), jsonPath("$.code").optional().saveAs(CODE))
                                    .checkIf((response, session) -> response.status().code() == 409)
                                    .then(jsonPath("$.code").is(IN_PROGRESS))
                                    .checkIf((response, session) -> response.status().code() == 201)
                                    .then(jsonPath("$.appointmentId").saveAs(APPOINTMENT_ID)))
                            .exec(session -> outcomes.record(RETRY_KEY, session)))
            // A replayed answer carries no consistency token: read until the appointment shows, then let a moment
            // pass so that a second appointment, had one been created, would show too.
            .exec(session -> session.set(SEEN, 0))
            .asLongAs(session -> session.getInt(SEEN) < 1 && session.getInt("read") < 30, "read").on(
                    exec(query("retry: wait until the read model has the appointment")
                            .check(status().is(200), jsonPath("$.totalElements").ofInt().saveAs(SEEN)))
                            .pause(Duration.ofSeconds(1)))
            .pause(Duration.ofSeconds(3))
            .exec(query(COUNT).check(status().is(200),
                    jsonPath("$.totalElements").ofInt().is(1),
                    jsonPath("$.content[0].appointmentId").isEL("#{" + APPOINTMENT_ID + "}")));

    private static boolean stillInProgress(io.gatling.javaapi.core.Session session) {
        return !session.contains(CODE) || IN_PROGRESS.equals(session.getString(CODE));
    }

    private HttpRequestActionBuilder query(String name) {
        return http(name).get(settings.queryUrl().resolve("/api/appointments?size=100").toString())
                .header("Authorization", "Bearer #{" + Booking.TOKEN + "}");
    }

    {
        setUp(retry.injectOpen(atOnceUsers(1)))
                .protocols(Booking.commandSide(settings, false))
                .assertions(
                        // Answered in time means the delay is not on: the scenario would prove nothing.
                        details(FIRST).failedRequests().percent().is(100.0),
                        details(RETRY).failedRequests().count().is(0L),
                        details(COUNT).allRequests().count().is(1L),
                        details(COUNT).failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        outcomes.write(settings.runDirectory().resolve("outcomes.properties"));
    }
}
