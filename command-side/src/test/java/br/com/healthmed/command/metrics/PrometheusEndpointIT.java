package br.com.healthmed.command.metrics;

import br.com.healthmed.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators scrape the command side's Prometheus endpoint from the internal network: it carries Axon's command
 * metrics, the latency histogram at the objectives' buckets and the appointment outcomes by code; a caller outside the
 * internal network is refused.
 */
// Spring Boot tests switch metrics export and tracing off unless asked: the registry under test must exist (tracing
// on too, so that TracingIT shares this context).
@AutoConfigureObservability
@IntegrationTest
class PrometheusEndpointIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void a_direct_scrape_carries_axon_metrics_latency_objectives_and_booking_outcomes() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> unauthenticated = http.exchange("/api/appointments", HttpMethod.POST,
                new HttpEntity<>("{\"slotId\":\"00000000-0000-0000-0000-000000000001\"}", json), String.class);
        assertThat(unauthenticated.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        http.getForEntity("/actuator/health", String.class);

        ResponseEntity<String> scrape = http.getForEntity("/actuator/prometheus", String.class);

        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape.getBody())
                .containsPattern("(?m)^commandBus_\\w+\\{")
                .contains("http_server_requests_seconds_bucket{")
                .contains("le=\"0.05\"").contains("le=\"0.1\"").contains("le=\"0.2\"").contains("le=\"0.5\"")
                .containsPattern("healthmed_appointments_outcomes_total\\{[^}]*action=\"request\"[^}]*outcome=\"unauthenticated\"[^}]*} [1-9][0-9]*\\.0");
    }

    @Test
    void a_scrape_from_outside_the_internal_network_is_refused_even_through_a_trusted_proxy() {
        // The test client is on loopback, a trusted proxy: Tomcat takes the caller's address from X-Forwarded-For.
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.add("X-Forwarded-For", "203.0.113.9");

        ResponseEntity<String> scrape = http.exchange("/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(forwarded),
                String.class);

        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(scrape.getBody()).contains("\"code\":\"metrics-internal-only\"");
    }
}
