package br.com.healthmed.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 2: does a long schedule slow booking down? One client books, one request at a time, alternately on a
 * doctor with at least {@code BENCH_HISTORY_SLOTS} (8,000) published slots and on a doctor with 50, each booking by a
 * patient of its own. Alternating spreads the shared machine's noise over both doctors alike; one client at a time
 * measures the cost of a booking rather than queueing on the doctor's lock.
 * <p>
 * Target (issue 7): p50 on the long schedule within 1.3 times the p50 on the short one; the summary computes it.
 */
public class HistorySimulation extends Simulation {

    static final String LONG = "history-long";
    static final String SHORT = "history-short";

    private final BenchSettings settings = BenchSettings.fromEnvironment();
    private final Outcomes outcomes = new Outcomes();
    private final List<Map<String, Object>> rows = FeedFile.read(settings.runDirectory().resolve("history.csv"));

    private final ScenarioBuilder history = scenario("history").repeat(rows.size()).on(
            feed(FeedFile.queue(rows))
                    .doIfEquals("#{doctor}", "long").then(
                            Booking.book(outcomes, LONG, Booking.request("history: book on the long schedule", status().is(201))))
                    .doIfEquals("#{doctor}", "short").then(
                            Booking.book(outcomes, SHORT, Booking.request("history: book on the short schedule", status().is(201)))));

    {
        setUp(history.injectOpen(atOnceUsers(1)))
                .protocols(Booking.commandSide(settings, true))
                .assertions(
                        details("history: book on the long schedule").allRequests().count().gt(0L),
                        details("history: book on the short schedule").allRequests().count().gt(0L),
                        details("history: book on the long schedule").failedRequests().count().is(0L),
                        details("history: book on the short schedule").failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        outcomes.write(settings.runDirectory().resolve("outcomes.properties"));
    }
}
