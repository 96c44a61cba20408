package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 9: one patient held five pending requests at once, so a script with a few accounts could empty a
 * doctor's public agenda. Now a patient holds at most 3 requests awaiting an answer (the default) and makes at most a
 * configured number of requests per window (5 here).
 */
@IntegrationTest
@TestPropertySource(properties = "healthmed.patient-requests.per-window=5")
class SlotHoardingIT {

    @LocalServerPort
    int port;

    @Test
    void a_fourth_pending_request_is_refused_until_the_doctor_answers_one() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID first = scenario.requested(patient, scenario.publishSlot(doctor, 3, 9));
        scenario.requested(patient, scenario.publishSlot(doctor, 3, 11));
        scenario.requested(patient, scenario.publishSlot(doctor, 3, 13));
        UUID fourthSlot = scenario.publishSlot(doctor, 3, 15);

        Api.Response refused = scenario.request(patient, fourthSlot);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("pending-request-limit-reached");
        assertThat(api.post("/api/appointments/" + first + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);
        assertThat(scenario.request(patient, fourthSlot).status()).as("an accepted request is no longer pending")
                .isEqualTo(201);
    }

    @Test
    void requests_beyond_the_rate_are_refused_with_429_and_retry_after_whatever_their_outcome() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person patient = scenario.patient();
        for (int i = 0; i < 5; i++) {
            Api.Response missing = request(api, patient, UUID.randomUUID());
            assertThat(missing.code()).as("attempt %d", i + 1).isEqualTo("slot-not-found");
        }

        Api.Response throttled = request(api, patient, UUID.randomUUID());

        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("too-many-appointment-requests");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).as("one request comes back every 12 minutes")
                .isBetween(1L, 720L);
        assertThat(request(api, scenario.patient(), UUID.randomUUID()).code()).as("another patient")
                .isEqualTo("slot-not-found");
    }

    private static Api.Response request(Api api, Person patient, UUID slotId) {
        return api.post("/api/appointments").token(patient.accessToken()).body(Map.of("slotId", slotId.toString())).send();
    }
}
