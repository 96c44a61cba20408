package br.com.healthmed.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The booking request as a patient's client sends it (README: {@code POST /api/appointments} with a bearer token and
 * an Idempotency-Key), wrapped so that every answer is counted in {@link Outcomes}.
 */
final class Booking {

    static final String TOKEN = "token";
    static final String SLOT_ID = "slotId";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private Booking() {
    }

    /**
     * The command side, JSON both ways. Gatling's own warm-up request (to an outside web site) is off: the machine
     * may have no internet, and the measurement must not depend on it.
     */
    static HttpProtocolBuilder commandSide(BenchSettings settings, boolean sharedConnections) {
        HttpProtocolBuilder protocol = http.baseUrl(settings.commandUrl().toString())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .disableWarmUp()
                .disableCaching();
        return sharedConnections ? protocol.shareConnections() : protocol;
    }

    /**
     * Sends the booking {@link #request} with a fresh Idempotency-Key and records the answer under {@code key}.
     */
    static ChainBuilder book(Outcomes outcomes, String key, HttpRequestActionBuilder request) {
        return exec(session -> Outcomes.markSent(session.set(IDEMPOTENCY_KEY, UUID.randomUUID().toString())))
                .exec(request)
                .exec(session -> outcomes.record(key, session.remove(IDEMPOTENCY_KEY)));
    }

    /**
     * Books the session's slot for the session's patient with the session's Idempotency-Key. The checks save the status
     * first, so that a refused booking is counted with its status; then {@code acceptedStatus} decides OK/KO.
     */
    static HttpRequestActionBuilder request(String requestName, CheckBuilder acceptedStatus, CheckBuilder... moreChecks) {
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(status().saveAs(Outcomes.STATUS));
        checks.add(responseTimeInMillis().saveAs(Outcomes.LATENCY));
        checks.add(acceptedStatus);
        checks.addAll(List.of(moreChecks));
        return http(requestName).post("/api/appointments")
                .header("Authorization", "Bearer #{" + TOKEN + "}")
                .header("Idempotency-Key", "#{" + IDEMPOTENCY_KEY + "}")
                .body(StringBody("{\"slotId\":\"#{" + SLOT_ID + "}\"}"))
                .check(checks);
    }
}
