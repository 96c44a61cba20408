package br.com.healthmed.query.metrics;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.query.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operators scrape the query side's Prometheus endpoint from the internal network: it carries Axon's processor
 * metrics (latency included) and the latency histogram at the objectives' buckets; a caller outside the internal
 * network is refused.
 */
// Spring Boot tests switch metrics export and tracing off unless asked: the registry under test must exist (tracing
// on too, so that TracingIT shares this context).
@AutoConfigureObservability
@IntegrationTest
class PrometheusEndpointIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Test
    void a_direct_scrape_carries_axon_processor_metrics_and_the_latency_objectives() {
        // Axon creates a processor's meters when it handles its first events.
        DoctorId doctor = DoctorId.random();
        var events = new TestEvents(new PersonKeys(jdbc, environment.getProperty(EmbeddedInfrastructureInitializer.MASTER_KEY_PROPERTY)));
        new EventLog(eventStore).append("Doctor", doctor,
                events.doctorRegistered(doctor, "Mia Metrics", Specialty.CARDIOLOGIA, "150.00"), new DoctorVerifiedEvent(doctor));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/doctors/" + doctor, String.class)
                .getStatusCode() == HttpStatus.OK);

        ResponseEntity<String> scrape = http.getForEntity("/actuator/prometheus", String.class);

        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape.getBody())
                .containsPattern("(?m)^eventProcessor_latency\\{[^}]*processorName=\"doctors\"")
                .containsPattern("(?m)^eventProcessor_successCounter_total\\{[^}]*payloadType=\"DoctorVerifiedEvent\"")
                .contains("http_server_requests_seconds_bucket{")
                .contains("le=\"0.05\"").contains("le=\"0.1\"").contains("le=\"0.2\"").contains("le=\"0.5\"");
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
