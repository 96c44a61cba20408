package br.com.healthmed.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

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
 * Scenario {@code search-max}: closed-model saturation, {@code BENCH_SEARCH_USERS} clients sending back to back for
 * {@code BENCH_SATURATION_SECONDS} — first the doctor search by specialty, then, in the same run and through the same
 * gateway, a bare endpoint of the same application (liveness, which touches no store). The ratio of their rates says
 * how much of what the stack can carry the search itself costs (target >= 60 %).
 */
public class SaturationSimulation extends Simulation {

    private static final Set<Integer> OK = Set.of(200);

    private final LoadSettings settings = LoadSettings.fromEnvironment();
    private final LoadRecorder recorder = new LoadRecorder();

    private ChainBuilder hammer(String name, String path) {
        return during(settings.saturation()).on(
                exec(LoadRecorder::markSent)
                        .exec(http(name).get(path).check(status().saveAs(LoadRecorder.STATUS),
                                responseTimeInMillis().saveAs(LoadRecorder.LATENCY), status().is(200)))
                        .exec(session -> {
                            recorder.record(name, session, OK);
                            return LoadRecorder.clear(session);
                        }));
    }

    private final ScenarioBuilder search = scenario("search-max")
            .exec(hammer("search-max", "/api/doctors?specialty=" + LoadSeed.SPECIALTY + "&size=10"));
    private final ScenarioBuilder bare = scenario("bare").exec(hammer("bare", "/actuator/health/liveness"));

    {
        // One pool of keep-alive connections shared by the clients, as a load balancer's would be: the figure is the
        // stack's request rate, not the cost of opening connections.
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl()).acceptHeader("application/json")
                .disableWarmUp().disableCaching().shareConnections();
        setUp(List.of(search.injectOpen(atOnceUsers(settings.searchUsers()))
                .andThen(bare.injectOpen(atOnceUsers(settings.searchUsers())))))
                .protocols(protocol)
                .maxDuration(settings.saturation().multipliedBy(2).plusMinutes(2));
    }

    @Override
    public void after() {
        recorder.write(settings.runDirectory().resolve("load-" + settings.shard() + ".properties"));
    }
}
