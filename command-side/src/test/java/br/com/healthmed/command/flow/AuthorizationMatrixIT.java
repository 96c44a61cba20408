package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command endpoint, called by every wrong role (403) and by the right role on someone else's object (404, so
 * existence is not revealed), and without a token (401). Each case also proves nothing changed: the event store gained
 * no event and no table the command side writes (accounts, login names, person keys, slot directory, snapshots) differs.
 * <p>
 * The read side is not running here; it is built only from the events in {@code domain_event_entry}, so no new event
 * is what guarantees that it cannot show anything new either.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    /**
     * 20 endpoints refuse 3 of the 4 roles; cancel, the room ticket and the ICE servers (patients and doctors) refuse
     * 2; the password change and MFA disabling refuse none.
     */
    private static final int WRONG_ROLE_CASES = 20 * 3 + 3 * 2;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Scenario scenario;
    String admin;
    String auditor;
    Person doctor;
    Person otherDoctor;
    Person patient;
    Person otherPatient;
    UUID slot;
    UUID otherDoctorsSlot;
    UUID appointment;

    @BeforeAll
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
        admin = scenario.adminToken();
        auditor = scenario.auditor().accessToken();
        doctor = scenario.verifiedDoctor(admin);
        otherDoctor = scenario.verifiedDoctor(admin);
        patient = scenario.patient();
        otherPatient = scenario.patient();
        slot = scenario.publishSlot(doctor, 10, 10);
        otherDoctorsSlot = scenario.publishSlot(otherDoctor, 10, 11);
        appointment = scenario.requested(patient, scenario.publishSlot(doctor, 10, 12));
    }

    record Call(String method, String path, Object body) {
        Api.Request on(Api api) {
            Api.Request request = switch (method) {
                case "POST" -> api.post(path);
                case "PUT" -> api.put(path);
                case "DELETE" -> api.delete(path);
                default -> throw new IllegalArgumentException(method);
            };
            return body == null ? request : request.body(body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Call> protectedCalls() {
        Map<String, Object> justification = Map.of("justification", "Justificativa com tamanho suficiente.");
        return List.of(
                new Call("POST", "/api/admin/doctors/" + otherDoctor.id() + "/verification", null),
                new Call("POST", "/api/admin/auditors", Map.of("name", "X Y", "email", TestData.uniqueEmail("a"), "password", TestData.PASSWORD)),
                new Call("PUT", "/api/doctors/me/profile", Map.of("name", "Dr. X", "email", TestData.uniqueEmail("d"),
                        "specialty", "PEDIATRIA", "consultationPrice", 100, "timeZone", "America/Sao_Paulo")),
                new Call("POST", "/api/doctors/me/slots", TestData.slot(11, 8)),
                new Call("PUT", "/api/doctors/me/slots/" + slot, TestData.slot(11, 9)),
                new Call("DELETE", "/api/doctors/me/slots/" + slot, null),
                new Call("POST", "/api/appointments", Map.of("slotId", slot.toString())),
                new Call("POST", "/api/appointments/" + appointment + "/accept", null),
                new Call("POST", "/api/appointments/" + appointment + "/reject", Map.of("reason", "Motivo com tamanho suficiente.")),
                new Call("POST", "/api/appointments/" + appointment + "/cancel", justification),
                new Call("DELETE", "/api/patients/me", null),
                new Call("POST", "/api/admin/doctors/" + otherDoctor.id() + "/deactivation", Map.of("reason", "Motivo com tamanho suficiente.")),
                new Call("POST", "/api/admin/doctors/" + otherDoctor.id() + "/reactivation", null),
                new Call("POST", "/api/admin/doctors/" + otherDoctor.id() + "/rejection", Map.of("reason", "Motivo com tamanho suficiente.")),
                new Call("POST", "/api/admin/doctors/" + otherDoctor.id() + "/revocation", Map.of("reason", "Motivo com tamanho suficiente.")),
                new Call("POST", "/api/admin/privacy/master-key-rotation", null),
                new Call("POST", "/api/admin/staff/" + UUID.randomUUID() + "/deactivation", Map.of("reason", "Motivo com tamanho suficiente.")),
                new Call("POST", "/api/admin/staff/" + UUID.randomUUID() + "/reactivation", null),
                new Call("POST", "/api/auth/password", Map.of("currentPassword", "wrong password", "newPassword", "a long new password")),
                new Call("POST", "/api/appointments/" + appointment + "/consultation/consent", null),
                new Call("POST", "/api/appointments/" + appointment + "/consultation/tickets", null),
                new Call("POST", "/api/appointments/" + appointment + "/consultation/end", null),
                new Call("POST", "/api/consultations/ice-servers", null),
                new Call("POST", "/api/admin/accounts/" + UUID.randomUUID() + "/mfa-reset", Map.of("reason", "Motivo com tamanho suficiente.")),
                new Call("POST", "/api/auth/mfa/disable", Map.of("code", "123456")));
    }

    /** Counts and digests of everything a command can leave behind; equal states mean the call changed nothing. */
    private Map<String, String> storedState() {
        Map<String, String> state = new LinkedHashMap<>();
        // The event store is append-only: an unchanged count and highest index mean no event was appended.
        state.put("domain_event_entry", jdbc.sql("SELECT count(*) || ' events, last ' || coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(String.class).single());
        for (String table : List.of("snapshot_event_entry", "account", "login_identifier", "person_key", "slot_directory")) {
            state.put(table, jdbc.sql("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM "
                    + table + " t").query(String.class).single());
        }
        return state;
    }

    /** Sends a call that must be refused and checks that it left the stores exactly as they were. */
    private Api.Response refused(String description, Supplier<Api.Response> call) {
        Map<String, String> before = storedState();
        Api.Response response = call.get();
        assertThat(storedState()).as("stores after %s (answered %s)", description, response).isEqualTo(before);
        return response;
    }

    @Test
    void every_protected_endpoint_refuses_a_caller_without_a_token() {
        List<Call> calls = protectedCalls();
        for (Call call : calls) {
            Api.Response response = refused(call.toString(), () -> call.on(api).send());
            assertThat(response.status()).as(call.toString()).isEqualTo(401);
            assertThat(response.contentType()).as(call.toString()).startsWith("application/problem+json");
            assertThat(response.code()).as(call.toString()).isNotBlank();
        }
        assertThat(calls).hasSize(25);
    }

    @Test
    void every_endpoint_refuses_each_wrong_role_with_403() {
        Map<String, List<String>> allowed = Map.ofEntries(
                Map.entry("/verification", List.of("ADMIN")),
                Map.entry("/api/admin/auditors", List.of("ADMIN")),
                Map.entry("/api/doctors/me", List.of("DOCTOR")),
                Map.entry("POST /api/appointments", List.of("PATIENT")),
                Map.entry("/accept", List.of("DOCTOR")),
                Map.entry("/" + appointment + "/reject", List.of("DOCTOR")),
                Map.entry("/cancel", List.of("PATIENT", "DOCTOR")),
                Map.entry("/api/patients/me", List.of("PATIENT")),
                Map.entry("/deactivation", List.of("ADMIN")),
                Map.entry("/reactivation", List.of("ADMIN")),
                Map.entry("/rejection", List.of("ADMIN")),
                Map.entry("/revocation", List.of("ADMIN")),
                Map.entry("/api/admin/privacy/master-key-rotation", List.of("ADMIN")),
                Map.entry("/api/auth/password", List.of("ADMIN", "AUDITOR", "DOCTOR", "PATIENT")),
                Map.entry("/consultation/consent", List.of("PATIENT")),
                Map.entry("/consultation/tickets", List.of("PATIENT", "DOCTOR")),
                Map.entry("/consultation/end", List.of("DOCTOR")),
                Map.entry("/api/consultations/ice-servers", List.of("PATIENT", "DOCTOR")),
                Map.entry("/mfa-reset", List.of("ADMIN")),
                Map.entry("/api/auth/mfa/disable", List.of("ADMIN", "AUDITOR", "DOCTOR", "PATIENT")));
        Map<String, String> tokens = Map.of("ADMIN", admin, "AUDITOR", auditor, "DOCTOR", doctor.accessToken(),
                "PATIENT", patient.accessToken());
        List<String> checked = new ArrayList<>();
        for (Call call : protectedCalls()) {
            List<List<String>> rules = allowed.entrySet().stream()
                    .filter(rule -> call.toString().equals(rule.getKey()) || call.path().contains(rule.getKey()))
                    .map(Map.Entry::getValue).toList();
            assertThat(rules).as("rules for " + call).hasSize(1);
            for (var token : tokens.entrySet()) {
                if (rules.getFirst().contains(token.getKey())) {
                    continue;
                }
                String description = call + " as " + token.getKey();
                Api.Response response = refused(description, () -> call.on(api).token(token.getValue()).send());
                assertThat(response.status()).as(description).isEqualTo(403);
                assertThat(response.code()).as(description).isEqualTo("forbidden");
                checked.add(description);
            }
        }
        assertThat(checked).hasSize(WRONG_ROLE_CASES).doesNotHaveDuplicates();
    }

    @Test
    void a_doctor_cannot_touch_another_doctors_slot_or_appointment() {
        Api.Response move = refused("move", () -> api.put("/api/doctors/me/slots/" + otherDoctorsSlot).token(doctor.accessToken())
                .body(TestData.slot(12, 8)).send());
        assertThat(move.status()).isEqualTo(404);
        Api.Response remove = refused("remove", () -> api.delete("/api/doctors/me/slots/" + otherDoctorsSlot)
                .token(doctor.accessToken()).send());
        assertThat(remove.status()).isEqualTo(404);
        for (String action : List.of("accept", "reject", "cancel")) {
            Api.Response response = refused(action, () -> api.post("/api/appointments/" + appointment + "/" + action)
                    .token(otherDoctor.accessToken())
                    .body(Map.of("reason", "Motivo com tamanho suficiente.", "justification", "Justificativa com tamanho suficiente."))
                    .send());
            assertThat(response.status()).as(action).isEqualTo(404);
            assertThat(response.code()).as(action).isEqualTo("appointment-not-found");
        }
        // The other doctor's slot is still bookable, untouched.
        assertThat(scenario.request(otherPatient, otherDoctorsSlot).status()).isEqualTo(201);
    }

    @Test
    void a_patient_cannot_cancel_another_patients_appointment() {
        Api.Response response = refused("cancel", () -> api.post("/api/appointments/" + appointment + "/cancel")
                .token(otherPatient.accessToken()).body(Map.of("justification", "Justificativa com tamanho suficiente.")).send());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("appointment-not-found");
        Api.Response accept = api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send();
        assertThat(accept.status()).as("still REQUESTED, so its doctor can accept it").isEqualTo(200);
    }

    @Test
    void an_unknown_appointment_looks_the_same_as_someone_elses() {
        Api.Response response = refused("cancel", () -> api.post("/api/appointments/" + UUID.randomUUID() + "/cancel")
                .token(otherPatient.accessToken()).body(Map.of("justification", "Justificativa com tamanho suficiente.")).send());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("appointment-not-found");
    }
}
