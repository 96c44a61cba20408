package br.com.healthmed.query.flow;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whatever a client puts in the query string, the answer is a 4xx problem with a stable code, never a 500. */
@IntegrationTest
class BadInputIT {

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
    void bad_query_parameters_get_400_with_a_code() {
        Api api = new Api(http);
        DoctorId doctor = DoctorId.random();
        var events = new TestEvents(new PersonKeys(jdbc, environment.getProperty(EmbeddedInfrastructureInitializer.MASTER_KEY_PROPERTY)));
        new EventLog(eventStore).append("Doctor", doctor,
                events.doctorRegistered(doctor, "Bia Bad", Specialty.REUMATOLOGIA, "100.00"), new DoctorVerifiedEvent(doctor));
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/doctors/" + doctor).status() == 200);
        String agenda = "/api/doctors/" + doctor + "/agenda";
        String patient = TestTokens.token(UUID.randomUUID(), Role.PATIENT);
        String doctorToken = TestTokens.token(doctor.value(), Role.DOCTOR);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/api/doctors?specialty=astrologia", "specialty-unknown");
        expected.put("/api/doctors?size=101", "size-invalid");
        expected.put("/api/doctors?size=0", "size-invalid");
        expected.put("/api/doctors?page=-1", "page-invalid");
        expected.put("/api/doctors?page=abc", "parameter-invalid");
        expected.put("/api/doctors?withTotal=maybe", "parameter-invalid");
        expected.put("/api/doctors?maxPrice=-5", "price-invalid");
        expected.put("/api/doctors?maxPrice=muito", "price-invalid");
        expected.put("/api/doctors/not-a-uuid", "id-invalid");
        expected.put(agenda + "?from=amanha", "date-invalid");
        expected.put(agenda + "?from=2026-13-01", "date-invalid");
        expected.put(agenda + "?to=2026-12-01T25:00:00-03:00", "date-invalid");
        expected.put(agenda + "?from=2030-01-10&to=2030-01-01", "window-invalid");
        expected.put(agenda + "?from=2030-01-01&to=2030-06-01", "window-too-large");

        expected.forEach((path, code) -> {
            var answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.<String>read("$.code")).as(path).isEqualTo(code);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
        });

        assertThat(api.get("/api/appointments?status=lost", patient).<String>read("$.code")).isEqualTo("status-unknown");
        assertThat(api.get("/api/appointments?from=2030-01-10&to=2030-01-01", patient).<String>read("$.code"))
                .isEqualTo("window-invalid");
        assertThat(api.get("/api/appointments/123", patient).<String>read("$.code")).isEqualTo("id-invalid");
        assertThat(api.get("/api/doctors/me/agenda?from=2030-01-01&to=2030-12-01", doctorToken).<String>read("$.code"))
                .isEqualTo("window-too-large");
        var unknownDoctor = api.get("/api/doctors/" + UUID.randomUUID() + "/agenda");
        assertThat(unknownDoctor.status()).isEqualTo(404);
        assertThat(unknownDoctor.<String>read("$.code")).isEqualTo("not-found");
        assertThat(api.get(agenda + "?from=2030-01-01&to=2030-03-03").status()).isEqualTo(200);
    }

    /** Until issue 9, a NUL in the name filter reached the MongoDB query and came back as a 500. */
    @Test
    void control_characters_in_query_parameters_are_400_never_500() {
        for (String query : List.of("name=%00", "name=Ana%00Lima", "name=%0A", "specialty=%1B", "name=%7F", "name=%C2%85",
                "maxPrice=1%00")) {
            ResponseEntity<String> response = http.exchange(URI.create("/api/doctors?" + query), HttpMethod.GET,
                    HttpEntity.EMPTY, String.class);
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(query).hasToString("application/problem+json");
            assertThat(response.getBody()).as(query).contains("\"code\":\"parameter-control-character\"");
        }
        assertThat(http.exchange(URI.create("/api/doctors?name=Ana%20Lima"), HttpMethod.GET, HttpEntity.EMPTY, String.class)
                .getStatusCode().value()).isEqualTo(200);
    }
}
