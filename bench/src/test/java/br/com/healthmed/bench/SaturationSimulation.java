package br.com.healthmed.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario {@code search-max}: closed-model saturation, {@code BENCH_SEARCH_USERS} clients sending back to back — the
 * doctor search by specialty and, in the same run and through the same connections, a bare endpoint of the same
 * application (liveness, which touches no store). The ratio of their rates says how much of what the stack can carry
 * the search itself costs (target >= 60 %).
 * <p>
 * Both are measured under the same conditions: first {@code BENCH_SATURATION_WARMUP_SECONDS} of both, alternately and
 * not counted, so neither is measured while the JIT compilers of the server and of this JVM are still at work; then
 * {@code BENCH_SATURATION_ROUNDS} rounds of search then bare, each measured for its share of
 * {@code BENCH_SATURATION_SECONDS}, so a drift of the shared machine's load over the run falls on both. Measured search
 * first and bare afterwards, once each, from a cold Gatling JVM, gave the search the client's warm-up: 28.7 % on a
 * quiet machine where a light client (wrk) measured 59 % against the same replica.
 */
public class SaturationSimulation extends Simulation {

    private static final Set<Integer> OK = Set.of(200);
    private static final String SEARCH = "/api/doctors?specialty=" + LoadSeed.SPECIALTY + "&size=10";
    private static final String BARE = "/actuator/health/liveness";

    private final LoadSettings settings = LoadSettings.fromEnvironment();
    private final LoadRecorder recorder = new LoadRecorder();

    private ChainBuilder hammer(String name, String path, Duration measured) {
        return during(measured).on(
                exec(LoadRecorder::markSent)
                        .exec(http(name).get(path).check(status().saveAs(LoadRecorder.STATUS),
                                responseTimeInMillis().saveAs(LoadRecorder.LATENCY), status().is(200)))
                        .exec(session -> {
                            recorder.record(name, session, OK);
                            return LoadRecorder.clear(session);
                        }));
    }

    private List<PopulationBuilder> phases() {
        int clients = settings.searchUsers();
        List<PopulationBuilder> phases = new ArrayList<>();
        if (settings.saturationWarmup().isPositive()) {
            phases.add(scenario("warm-up").exec(during(settings.saturationWarmup()).on(
                            exec(http("warm-up search").get(SEARCH)).exec(http("warm-up bare").get(BARE))))
                    .injectOpen(atOnceUsers(clients)));
        }
        Duration measured = settings.saturation().dividedBy(settings.saturationRounds());
        for (int round = 1; round <= settings.saturationRounds(); round++) {
            // One name per round: LoadSummary's rate of a name is its answers over its first-to-last span.
            phases.add(scenario("search-max " + round).exec(hammer("search-max " + round, SEARCH, measured))
                    .injectOpen(atOnceUsers(clients)));
            phases.add(scenario("bare " + round).exec(hammer("bare " + round, BARE, measured))
                    .injectOpen(atOnceUsers(clients)));
        }
        return phases;
    }

    {
        // One pool of keep-alive connections shared by the clients, as a load balancer's would be: the figure is the
        // stack's request rate, not the cost of opening connections.
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl()).acceptHeader("application/json")
                .disableWarmUp().disableCaching().shareConnections();
        List<PopulationBuilder> phases = phases();
        PopulationBuilder chain = phases.getFirst();
        for (PopulationBuilder next : phases.subList(1, phases.size())) {
            chain = chain.andThen(next);
        }
        setUp(List.of(chain)).protocols(protocol)
                .maxDuration(settings.saturation().multipliedBy(2).plus(settings.saturationWarmup()).plusMinutes(2));
    }

    @Override
    public void after() {
        recorder.write(settings.runDirectory().resolve("load-" + settings.shard() + ".properties"));
    }
}
