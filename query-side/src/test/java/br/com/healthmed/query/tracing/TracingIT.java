package br.com.healthmed.query.tracing;

import br.com.healthmed.query.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query's W3C trace context reaches its problem answer, so support can find the request's trace from what the
 * client saw (ADR 0023); without one, the request starts a trace of its own.
 */
// Spring Boot tests switch tracing off unless asked; shares its context with PrometheusEndpointIT.
@AutoConfigureObservability
@IntegrationTest
class TracingIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    TestRestTemplate http;

    @Test
    void a_refused_query_names_the_callers_trace() {
        HttpHeaders traced = new HttpHeaders();
        traced.add("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        ResponseEntity<String> refused = http.exchange(URI.create("/api/doctors?name=%00"), HttpMethod.GET,
                new HttpEntity<>(traced), String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("\"traceId\":\"" + TRACE_ID + "\"");
    }

    @Test
    void a_query_without_trace_context_gets_a_trace_of_its_own() {
        ResponseEntity<String> refused = http.exchange(URI.create("/api/doctors?name=%00"), HttpMethod.GET,
                HttpEntity.EMPTY, String.class);

        assertThat(refused.getBody()).containsPattern("\"traceId\":\"[0-9a-f]{32}\"").doesNotContain(TRACE_ID);
    }
}
