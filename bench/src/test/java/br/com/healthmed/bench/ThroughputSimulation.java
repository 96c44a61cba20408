package br.com.healthmed.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.Iterator;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 1: distinct patients book distinct free slots, {@code BENCH_CLIENTS} (16) clients at a time in a closed
 * model, each client booking one slot after the other. A warm-up of {@code BENCH_WARMUP_SECONDS} runs first on slots
 * of its own and is reported under its own name; the measured part lasts {@code BENCH_DURATION_SECONDS}.
 * <p>
 * Targets (issue 7): at least 700 successful bookings per second and p99 under 300 ms. The rate is computed by the
 * summary from {@link Outcomes} (2xx answers over the measured window); Gatling asserts the latency and the errors.
 */
public class ThroughputSimulation extends Simulation {

    static final String MEASURED = "throughput";
    static final String WARM_UP = "throughput-warm-up";

    private final BenchSettings settings = BenchSettings.fromEnvironment();
    private final Outcomes outcomes = new Outcomes();
    private final Iterator<Map<String, Object>> supply =
            FeedFile.queue(FeedFile.read(settings.runDirectory().resolve("throughput.csv")));

    private ChainBuilder bookNext(String key, String requestName) {
        return feed(supply).exec(doIfOrElse(session -> session.getBoolean(FeedFile.EXHAUSTED))
                .then(stopLoadGenerator("the seeded slots ran out: the system booked faster than BENCH_SUPPLY_RATE="
                        + settings.supplyRate() + "/s; raise it and run again"))
                .orElse(Booking.book(outcomes, key, Booking.request(requestName, status().is(201)))));
    }

    private final ScenarioBuilder warmUp = scenario("warm-up").exec(bookNext(WARM_UP, "warm-up: book a free slot"));
    private final ScenarioBuilder measured = scenario("throughput").exec(bookNext(MEASURED, "throughput: book a free slot"));

    {
        setUp(warmUp.injectClosed(constantConcurrentUsers(settings.clients()).during(settings.warmUp()))
                .andThen(measured.injectClosed(constantConcurrentUsers(settings.clients()).during(settings.duration()))))
                .protocols(Booking.commandSide(settings, true))
                .assertions(
                        details("throughput: book a free slot").allRequests().count().gt(0L),
                        details("throughput: book a free slot").failedRequests().count().is(0L),
                        details("throughput: book a free slot").responseTime().percentile(99.0).lt(300));
    }

    @Override
    public void after() {
        outcomes.write(settings.runDirectory().resolve("outcomes.properties"));
    }
}
