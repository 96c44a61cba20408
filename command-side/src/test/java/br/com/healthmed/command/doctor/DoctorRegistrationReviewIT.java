package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 9 item 7 over HTTP (ADR 0026): an ADMIN rejects a pending registration or revokes a verification, which ends
 * the doctor's sessions and logins for good and frees the CRM for its real holder; a revocation also cancels the
 * appointments not yet started and stops bookings; a verified doctor who changes their name goes back to pending.
 */
@IntegrationTest
class DoctorRegistrationReviewIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REASON = "CRM pertence a outra pessoa";

    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    Api api;
    Scenario scenario;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
    }

    @Test
    void rejecting_a_pending_registration_ends_its_logins_for_good_and_frees_the_crm_for_its_real_holder() {
        String admin = scenario.adminToken();
        Person squatter = scenario.unverifiedDoctor();
        String path = "/api/admin/doctors/" + squatter.id() + "/rejection";

        assertProblem(api.post(path).token(admin).body(Map.of("reason", "curto")).send(), 400, "reason-too-short");
        assertThat(api.post(path).token(squatter.accessToken()).body(Map.of("reason", REASON)).send().status())
                .isEqualTo(403);
        assertThat(api.post(path).token(admin).body(Map.of("reason", REASON)).send().status()).isEqualTo(204);
        assertThat(api.post(path).token(admin).body(Map.of("reason", REASON)).send().status())
                .as("rejecting again changes nothing").isEqualTo(204);

        assertProblem(api.post("/api/doctors/me/slots").token(squatter.accessToken()).body(TestData.slot(7, 9)).send(),
                401, "token-revoked");
        assertProblem(api.post("/api/auth/refresh").body(Map.of("refreshToken", squatter.refreshToken())).send(),
                401, "refresh-token-invalid");
        assertProblem(api.post("/api/auth/doctor/login").body(loginOf(squatter)).send(), 401, "invalid-credentials");
        assertProblem(api.post("/api/admin/doctors/" + squatter.id() + "/verification").token(admin).send(),
                409, "doctor-registration-closed");

        Map<String, Object> realHolder = new LinkedHashMap<>(TestData.doctor((String) squatter.registration().get("crm"),
                (String) squatter.registration().get("uf")));
        Api.Response registered = api.post("/api/doctors").body(realHolder).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.text("doctorId")).isNotEqualTo(squatter.id().toString());
    }

    @Test
    void only_a_pending_registration_is_rejected_and_only_a_verified_one_revoked() {
        String admin = scenario.adminToken();
        Person verified = scenario.verifiedDoctor(admin);
        Person pending = scenario.unverifiedDoctor();

        assertProblem(api.post("/api/admin/doctors/" + verified.id() + "/rejection").token(admin)
                .body(Map.of("reason", REASON)).send(), 409, "doctor-already-verified");
        assertProblem(api.post("/api/admin/doctors/" + pending.id() + "/revocation").token(admin)
                .body(Map.of("reason", REASON)).send(), 409, "doctor-not-verified");
        assertProblem(api.post("/api/admin/doctors/" + UUID.randomUUID() + "/revocation").token(admin)
                .body(Map.of("reason", REASON)).send(), 404, "doctor-not-found");
    }

    @Test
    void revoking_a_verification_cancels_the_appointments_not_yet_started_and_refuses_new_bookings() {
        String admin = scenario.adminToken();
        Person doctor = scenario.verifiedDoctor(admin);
        Person patient = scenario.patient();
        UUID slot = scenario.publishSlot(doctor, 6, 9);
        UUID appointment = scenario.requested(patient, slot);
        assertThat(api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);

        assertThat(api.post("/api/admin/doctors/" + doctor.id() + "/revocation").token(admin)
                .body(Map.of("reason", REASON)).send().status()).isEqualTo(204);

        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(7, 9)).send(),
                401, "token-revoked");
        assertProblem(api.post("/api/auth/doctor/login").body(loginOf(doctor)).send(), 401, "invalid-credentials");
        AppointmentCancelledEvent cancelled = awaitCancelled(appointment);
        assertThat(cancelled.cancelledBy()).isEqualTo(Role.ADMIN);
        assertProblem(scenario.request(scenario.patient(), slot), 409, "doctor-not-verified");
        assertProblem(api.post("/api/admin/doctors/" + doctor.id() + "/reactivation").token(admin).send(),
                409, "doctor-registration-closed");
        assertProblem(api.post("/api/admin/doctors/" + doctor.id() + "/verification").token(admin).send(),
                409, "doctor-registration-closed");
    }

    @Test
    void a_verified_doctor_who_changes_their_name_is_not_bookable_until_verified_again() {
        String admin = scenario.adminToken();
        Person doctor = scenario.verifiedDoctor(admin);
        UUID slot = scenario.publishSlot(doctor, 5, 10);

        Map<String, Object> profile = Map.of("name", "Dra. Outra Pessoa", "email", doctor.registration().get("email"),
                "specialty", "CARDIOLOGIA", "consultationPrice", 250.00, "timeZone", "America/Sao_Paulo");
        Api.Response updated = api.put("/api/doctors/me/profile").token(doctor.accessToken()).body(profile).send();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(204);

        assertProblem(scenario.request(scenario.patient(), slot), 409, "doctor-not-verified");
        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(7, 9)).send(),
                409, "doctor-not-verified");

        assertThat(api.post("/api/admin/doctors/" + doctor.id() + "/verification").token(admin).send().status())
                .isEqualTo(204);
        scenario.requested(scenario.patient(), slot);
    }

    private static Map<String, Object> loginOf(Person doctor) {
        return Map.of("crm", doctor.registration().get("crm"), "uf", doctor.registration().get("uf"),
                "password", TestData.PASSWORD);
    }

    private AppointmentCancelledEvent awaitCancelled(UUID appointment) {
        Instant giveUp = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(giveUp)) {
            List<Object> history = events.readEvents(appointment.toString()).asStream().<Object>map(Message::getPayload).toList();
            if (history.getLast() instanceof AppointmentCancelledEvent cancelled) {
                return cancelled;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
        return fail("appointment %s was not cancelled within %s", appointment, WAIT);
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }
}
