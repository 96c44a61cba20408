package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The product's main story over HTTP, against real PostgreSQL and Redis. */
@IntegrationTest
class BookingFlowIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Scenario scenario;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
        admin = scenario.adminToken();
    }

    @Test
    void a_patient_books_a_verified_doctor_who_accepts_and_the_patient_cancels_with_justification() {
        Person doctor = scenario.verifiedDoctor(admin);
        UUID slotId = scenario.publishSlot(doctor, 5, 10);
        Person patient = scenario.patient();

        Api.Response requested = scenario.request(patient, slotId);
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.text("status")).isEqualTo("REQUESTED");
        assertThat(new BigDecimal(requested.json().path("price").path("amount").asText())).isEqualByComparingTo("250.00");
        assertThat(requested.header("Location")).endsWith(requested.text("appointmentId"));
        String appointmentId = requested.text("appointmentId");

        Api.Response accepted = api.post("/api/appointments/" + appointmentId + "/accept").token(doctor.accessToken()).send();
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");

        Api.Response cancelled = api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of("justification", "Tive um imprevisto no trabalho e não poderei comparecer.")).send();
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");

        Person another = scenario.patient();
        assertThat(scenario.request(another, slotId).status()).as("the cancelled appointment freed the slot").isEqualTo(201);
    }

    @Test
    void a_doctor_rejects_with_a_reason_and_the_slot_is_free_again() {
        Person doctor = scenario.verifiedDoctor(admin);
        UUID slotId = scenario.publishSlot(doctor, 6, 14);
        Person first = scenario.patient();
        UUID appointmentId = scenario.requested(first, slotId);

        Api.Response rejected = api.post("/api/appointments/" + appointmentId + "/reject").token(doctor.accessToken())
                .body(Map.of("reason", "Agenda indisponível por compromisso no hospital.")).send();
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.text("status")).isEqualTo("REJECTED");

        Person second = scenario.patient();
        assertThat(scenario.request(second, slotId).status()).isEqualTo(201);
    }

    @Test
    void an_unverified_doctor_cannot_publish_slots_until_an_admin_verifies_them() {
        Person doctor = scenario.unverifiedDoctor();
        Api.Response refused = api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(4, 9)).send();
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("doctor-not-verified");

        assertThat(api.post("/api/admin/doctors/" + doctor.id() + "/verification").token(admin).send().status()).isEqualTo(204);
        assertThat(api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(4, 9)).send().status())
                .isEqualTo(201);
    }

    @Test
    void a_weekly_pattern_publishes_every_slot_it_describes() {
        Person doctor = scenario.verifiedDoctor(admin);
        var monday = TestData.nextMonday();
        Api.Response published = api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(Map.of("weeklyPattern", Map.of(
                "weekdays", List.of("MONDAY", "WEDNESDAY"),
                "startTime", "08:00", "endTime", "10:00", "slotMinutes", 30,
                "fromDate", monday.toString(), "toDate", monday.plusDays(6).toString()))).send();
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        assertThat(published.json().path("slotIds")).hasSize(8);
    }

    @Test
    void a_free_slot_can_be_moved_and_removed_but_a_held_one_cannot() {
        Person doctor = scenario.verifiedDoctor(admin);
        UUID free = scenario.publishSlot(doctor, 7, 8);
        UUID held = scenario.publishSlot(doctor, 7, 9);
        scenario.requested(scenario.patient(), held);

        Map<String, Object> later = TestData.slot(7, 15);
        assertThat(api.put("/api/doctors/me/slots/" + free).token(doctor.accessToken()).body(later).send().status()).isEqualTo(200);
        Api.Response moveHeld = api.put("/api/doctors/me/slots/" + held).token(doctor.accessToken()).body(TestData.slot(7, 16)).send();
        assertThat(moveHeld.status()).isEqualTo(409);
        assertThat(moveHeld.code()).isEqualTo("slot-held");
        Api.Response removeHeld = api.delete("/api/doctors/me/slots/" + held).token(doctor.accessToken()).send();
        assertThat(removeHeld.status()).isEqualTo(409);
        assertThat(removeHeld.code()).isEqualTo("slot-held");
        assertThat(api.delete("/api/doctors/me/slots/" + free).token(doctor.accessToken()).send().status()).isEqualTo(204);
    }

    @Test
    void a_price_change_applies_to_later_requests_only() {
        Person doctor = scenario.verifiedDoctor(admin);
        UUID before = scenario.publishSlot(doctor, 8, 8);
        UUID after = scenario.publishSlot(doctor, 8, 9);
        Api.Response first = scenario.request(scenario.patient(), before);

        Map<String, Object> profile = Map.of("name", "Dr. João Pereira", "email", TestData.uniqueEmail("doctor"),
                "specialty", "CARDIOLOGIA", "consultationPrice", 320.50, "timeZone", "America/Manaus");
        assertThat(api.put("/api/doctors/me/profile").token(doctor.accessToken()).body(profile).send().status()).isEqualTo(204);
        Api.Response second = scenario.request(scenario.patient(), after);

        assertThat(first.json().path("price").path("amount").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(second.json().path("price").path("amount").decimalValue()).isEqualByComparingTo("320.50");
    }

    @Test
    void every_command_answer_carries_a_consistency_token_at_or_past_its_events() {
        Person doctor = scenario.verifiedDoctor(admin);
        Api.Response published = api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(9, 8)).send();
        assertThat(published.status()).isEqualTo(201);
        long token = Long.parseLong(published.header("X-Consistency-Token"));
        Long position = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                         WHERE payload_type = 'healthmed.schedule.SlotPublished' AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + published.json().path("slotIds").get(0).asText() + "%").query(Long.class).single();
        assertThat(token).isGreaterThanOrEqualTo(position);

        Api.Response removed = api.delete("/api/doctors/me/slots/" + published.json().path("slotIds").get(0).asText())
                .token(doctor.accessToken()).send();
        assertThat(removed.status()).isEqualTo(204);
        assertThat(Long.parseLong(removed.header("X-Consistency-Token"))).isGreaterThan(token);
    }

    @Test
    void every_event_records_who_did_it_and_a_correlation_id() {
        Person doctor = scenario.verifiedDoctor(admin);
        UUID slotId = scenario.publishSlot(doctor, 9, 10);
        Person patient = scenario.patient();
        Api.Response requested = api.post("/api/appointments").token(patient.accessToken())
                .header("X-Correlation-Id", "flow-test-correlation-1").body(Map.of("slotId", slotId.toString())).send();
        assertThat(requested.status()).isEqualTo(201);

        String metaData = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND payload_type = 'healthmed.appointment.AppointmentRequested'""")
                .param(requested.text("appointmentId")).query(String.class).single();
        assertThat(metaData).contains("\"userId\":\"" + patient.id() + "\"", "\"role\":\"PATIENT\"",
                "\"correlationId\":\"flow-test-correlation-1\"");
    }
}
