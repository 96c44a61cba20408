package br.com.healthmed.command.tracing;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.testing.HostileTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's W3C trace context reaches what support and auditors look at: the problem answer and the metadata of
 * the events its command appended (ADR 0023). Without one, the request starts a trace of its own.
 */
// Spring Boot tests switch tracing off unless asked; shares its context with PrometheusEndpointIT.
@AutoConfigureObservability
@IntegrationTest
class TracingIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void a_refusal_names_the_trace_of_the_request_that_caused_it() {
        Api.Response refused = api.post("/api/appointments").header("traceparent", TRACEPARENT)
                .body(Map.of("slotId", "00000000-0000-0000-0000-000000000001")).send();

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("traceId")).isEqualTo(TRACE_ID);
    }

    @Test
    void a_request_without_trace_context_starts_its_own_trace() {
        Api.Response first = api.post("/api/appointments").body(Map.of("slotId", "not-a-uuid")).send();
        Api.Response second = api.post("/api/appointments").body(Map.of("slotId", "not-a-uuid")).send();

        assertThat(List.of(first.text("traceId"), second.text("traceId")))
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID))
                .doesNotHaveDuplicates();
    }

    @Test
    void the_events_a_request_caused_carry_its_trace_id() {
        String email = TestData.uniqueEmail("traced");
        Api.Response registered = api.post("/api/patients").header("traceparent", TRACEPARENT)
                .body(TestData.patient(email, TestData.cpf())).send();
        assertThat(registered.status()).as("registration: %s", registered).isEqualTo(202);
        new Scenario(api).confirm(email);
        UUID patientId = HostileTokens.subjectOf(api.post("/api/auth/patient/login")
                .body(Map.of("login", email, "password", TestData.PASSWORD)).send().text("accessToken"));

        List<String> metaData = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND payload_type <> 'healthmed.patient.PatientEmailConfirmed'""")
                .param(patientId.toString()).query(String.class).list();

        assertThat(metaData).isNotEmpty().allSatisfy(entry -> assertThat(entry).contains("\"traceId\":\"" + TRACE_ID + "\""));
    }
}
