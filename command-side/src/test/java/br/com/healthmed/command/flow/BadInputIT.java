package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Whatever a client sends, the answer is a 4xx problem document with a stable code — never a 500. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    Api api;
    Scenario scenario;
    Person doctor;
    Person patient;

    @BeforeAll
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
        doctor = scenario.verifiedDoctor(scenario.adminToken());
        patient = scenario.patient();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }

    private Map<String, Object> patientWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(TestData.patient(TestData.uniqueEmail("bad"), TestData.cpf()));
        body.put(field, value);
        return body;
    }

    private Map<String, Object> doctorWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(TestData.doctor(TestData.crmNumber(), "RJ"));
        body.put(field, value);
        return body;
    }

    @Test
    void an_invalid_cpf_is_refused_naming_the_field() {
        Api.Response response = api.post("/api/patients").body(patientWith("cpf", "123.456.789-00")).send();
        assertProblem(response, 400, "cpf-invalid");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("cpf");
        assertProblem(api.post("/api/patients").body(patientWith("cpf", "111.111.111-11")).send(), 400, "cpf-invalid");
        assertProblem(api.post("/api/patients").body(patientWith("cpf", "abc")).send(), 400, "cpf-invalid");
    }

    @Test
    void several_invalid_fields_are_reported_together() {
        Map<String, Object> body = patientWith("cpf", "1");
        body.put("email", "not-an-email");
        body.put("password", "short");
        Api.Response response = api.post("/api/patients").body(body).send();
        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().path("errors").findValuesAsText("code"))
                .containsExactlyInAnyOrder("cpf-invalid", "email-invalid", "password-too-short");
    }

    @Test
    void a_bad_crm_uf_or_specialty_is_refused() {
        assertProblem(api.post("/api/doctors").body(doctorWith("uf", "XX")).send(), 400, "uf-invalid");
        assertProblem(api.post("/api/doctors").body(doctorWith("crm", "12a45")).send(), 400, "crm-invalid");
        assertProblem(api.post("/api/doctors").body(doctorWith("specialty", "ASTROLOGIA")).send(), 400, "specialty-unknown");
        assertProblem(api.post("/api/doctors").body(doctorWith("timeZone", "Europe/Lisbon")).send(), 400, "time-zone-invalid");
        assertProblem(api.post("/api/doctors").body(doctorWith("consultationPrice", -10)).send(), 400, "price-out-of-range");
        assertProblem(api.post("/api/doctors").body(doctorWith("consultationPrice", "abc")).send(), 400, "field-type-invalid");
    }

    @Test
    void a_registered_crm_cannot_be_registered_again_in_the_same_uf() {
        String crm = TestData.crmNumber();
        assertThat(api.post("/api/doctors").body(TestData.doctor(crm, "MG")).send().status()).isEqualTo(201);
        assertProblem(api.post("/api/doctors").body(TestData.doctor("0" + crm, "mg")).send(), 409, "crm-already-registered");
        assertThat(api.post("/api/doctors").body(TestData.doctor(crm, "BA")).send().status()).isEqualTo(201);
    }

    @Test
    void overlapping_past_too_long_and_too_far_slots_are_refused() {
        scenario.publishSlot(doctor, 14, 10);
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(14, 10)).send(),
                409, "slot-overlap");
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", past.toString(), "end", past.plusMinutes(30).toString())).send(), 400, "slot-in-past");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20);
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", start.toString(), "end", start.plusMinutes(241).toString())).send(), 400, "slot-length-invalid");
        OffsetDateTime far = OffsetDateTime.now(ZoneOffset.UTC).plusDays(181);
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", far.toString(), "end", far.plusMinutes(30).toString())).send(), 400, "slot-too-far-ahead");
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", "2026-13-01T10:00")).send(), 400, "field-type-invalid");
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("weeklyPattern", Map.of("weekdays", new String[]{"FUNDAY"}, "startTime", "08:00",
                        "endTime", "12:00", "slotMinutes", 30, "fromDate", TestData.nextMonday().toString(),
                        "toDate", TestData.nextMonday().plusDays(7).toString()))).send(), 400, "weekday-invalid");
    }

    @Test
    void cancelling_or_rejecting_needs_a_real_justification() {
        UUID appointmentId = scenario.requested(patient, scenario.publishSlot(doctor, 15, 10));
        assertProblem(api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of()).send(), 400, "justification-required");
        assertProblem(api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of("justification", "   curta   ")).send(), 400, "justification-too-short");
        assertProblem(api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of("justification", "x".repeat(501))).send(), 400, "justification-too-long");
        assertProblem(api.post("/api/appointments/" + appointmentId + "/reject").token(doctor.accessToken())
                .body(Map.of("reason", "")).send(), 400, "reason-required");
    }

    @Test
    void malformed_json_wrong_types_and_oversized_bodies_are_4xx() {
        assertProblem(api.post("/api/patients").rawBody("{\"name\": ").send(), 400, "malformed-json");
        assertProblem(api.post("/api/patients").rawBody("").send(), 400, "body-required");
        assertProblem(api.post("/api/patients").body(patientWith("birthDate", "12/04/1988")).send(), 400, "field-type-invalid");
        assertProblem(api.post("/api/patients").body(patientWith("name", Map.of("first", "Maria"))).send(), 400, "field-type-invalid");
        assertProblem(api.post("/api/patients").rawBody("{\"name\":\"" + "a".repeat(70_000) + "\"}").send(), 413, "payload-too-large");
        assertProblem(api.post("/api/patients").header("Content-Type", "text/plain").rawBody("hello").send(), 415, "unsupported-media-type");
        assertProblem(api.post("/api/appointments").token(patient.accessToken()).body(Map.of("slotId", "not-a-uuid")).send(),
                400, "id-invalid");
        assertProblem(api.post("/api/appointments/not-a-uuid/accept").token(doctor.accessToken()).send(), 400, "parameter-invalid");
    }

    /** Before the bound, Money's setScale(2) expanded 1E+400000000 to 400 million digits: seconds of CPU per request. */
    @Test
    void a_price_with_a_huge_exponent_is_refused_at_once_on_every_path_that_takes_a_price() throws Exception {
        String registration = JSON.writeValueAsString(doctorWith("consultationPrice", "HUGE")).replace("\"HUGE\"", "1E+400000000");
        String profile = JSON.writeValueAsString(new HashMap<>(Map.of("name", "Dra. Ana Lima",
                "email", TestData.uniqueEmail("price"), "specialty", "CARDIOLOGIA", "timeZone", "America/Sao_Paulo",
                "consultationPrice", "HUGE"))).replace("\"HUGE\"", "-1E+400000000");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertProblem(api.post("/api/doctors").rawBody(registration).send(), 400, "price-out-of-range");
            assertProblem(api.put("/api/doctors/me/profile").token(doctor.accessToken()).rawBody(profile).send(),
                    400, "price-out-of-range");
        });
    }

    @Test
    void overlong_numbers_and_deeply_nested_bodies_are_refused_by_the_parser() {
        assertProblem(api.post("/api/doctors").rawBody("{\"consultationPrice\":" + "9".repeat(500) + "}").send(),
                400, "json-limits-exceeded");
        // An unknown field is skipped, not bound, so only the parser's own limit stops the nesting.
        assertProblem(api.post("/api/patients").rawBody("{\"extra\":" + "[".repeat(200) + "]".repeat(200) + "}").send(),
                400, "json-limits-exceeded");
    }

    @Test
    void booking_an_unknown_slot_or_too_close_to_its_start_is_refused() {
        assertProblem(scenario.request(patient, UUID.randomUUID()), 404, "slot-not-found");
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(60);
        Api.Response published = api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", soon.toString(), "end", soon.plusMinutes(30).toString())).send();
        assertThat(published.status()).isEqualTo(201);
        UUID slotId = UUID.fromString(published.json().path("slotIds").get(0).asText());
        assertProblem(scenario.request(patient, slotId), 409, "booking-notice-too-short");
    }

    @Test
    void the_same_patient_cannot_hold_two_overlapping_appointments() {
        Person otherDoctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID first = scenario.publishSlot(doctor, 16, 9);
        UUID overlapping = scenario.publishSlot(otherDoctor, 16, 9);
        // A patient of its own: the class's shared patient may already hold the 3 pending requests allowed (issue 9).
        Person patient = scenario.patient();
        scenario.requested(patient, first);
        assertProblem(scenario.request(patient, overlapping), 409, "patient-schedule-conflict");
    }

    @Test
    void an_idempotency_key_replays_the_same_answer_and_refuses_a_different_body() {
        UUID slotId = scenario.publishSlot(doctor, 17, 10);
        UUID otherSlot = scenario.publishSlot(doctor, 17, 11);
        String key = "booking-" + UUID.randomUUID();
        Api.Response first = api.post("/api/appointments").token(patient.accessToken()).header("Idempotency-Key", key)
                .body(Map.of("slotId", slotId.toString())).send();
        Api.Response again = api.post("/api/appointments").token(patient.accessToken()).header("Idempotency-Key", key)
                .body(Map.of("slotId", slotId.toString())).send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("appointmentId")).isEqualTo(first.text("appointmentId"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertProblem(api.post("/api/appointments").token(patient.accessToken()).header("Idempotency-Key", key)
                .body(Map.of("slotId", otherSlot.toString())).send(), 422, "idempotency-key-reused");
    }
}
