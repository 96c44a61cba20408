package br.com.healthmed.command.lifecycle;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 3, over HTTP: the rules that depend on the time of day, with the application's clock moved by the
 * test (every rule takes "now" from the injected Clock; the deadlines, which run on real time days ahead, never fall
 * due here). Accepting or cancelling once the slot has begun is refused; a patient cannot cancel or move within the
 * cutoff, the doctor still cancels; a no-show is recorded after the end and within the window only. Access tokens are
 * checked against the same clock, so each party logs in again after a move.
 */
@IntegrationTest
@Import(AppointmentTimeRulesIT.MovableTime.class)
class AppointmentTimeRulesIT {

    /**
     * The application checks TOTP codes against its own clock, which this test holds still (ADR 0024): the code is the
     * one for that clock's time step, not for the wall clock's.
     */
    private String adminToken() {
        if (adminToken == null) {
            adminToken = scenario.adminTokenAt(clock);
        }
        return adminToken;
    }

    @TestConfiguration
    static class MovableTime {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    Api api;
    Scenario scenario;

    /** One ADMIN login for the class: a TOTP code is good once per time step, and this clock stands still. */
    private static String adminToken;

    @BeforeEach
    void setUp() {
        clock.moveTo(Instant.now());
        api = new Api(port);
        scenario = new Scenario(api);
    }

    @Test
    void starting_times_and_the_patients_cutoff_decide_what_each_party_may_still_do() {
        Person doctor = scenario.verifiedDoctor(adminToken());
        Person unanswered = scenario.patient();
        Person absent = scenario.patient();
        Person late = scenario.patient();
        UUID nineOClock = scenario.publishSlot(doctor, 3, 9);
        UUID tenOClock = scenario.publishSlot(doctor, 3, 10);
        UUID elevenOClock = scenario.publishSlot(doctor, 3, 11);
        UUID nextDay = scenario.publishSlot(doctor, 4, 9);
        UUID request = scenario.requested(unanswered, nineOClock);
        UUID missed = accepted(doctor, scenario.requested(absent, tenOClock));
        UUID cancelledLate = accepted(doctor, scenario.requested(late, elevenOClock));

        moveTo(startOf(3, 10).minus(Duration.ofMinutes(90)));
        String absentToken = scenario.patientLogin(absent);
        assertProblem(api.post("/api/appointments/" + missed + "/reschedule").token(absentToken)
                .body(Map.of("slotId", nextDay.toString())).send(), 409, "reschedule-too-late");
        assertProblem(cancel(missed, absentToken), 409, "cancellation-too-late");
        assertProblem(noShow(missed, scenario.doctorLogin(doctor), null), 409, "no-show-not-allowed");

        moveTo(startOf(3, 9).plus(Duration.ofMinutes(1)));
        assertProblem(api.post("/api/appointments/" + request + "/accept").token(scenario.doctorLogin(doctor)).send(), 409,
                "appointment-already-started");
        assertProblem(cancel(request, scenario.patientLogin(unanswered)), 409, "appointment-already-started");

        moveTo(startOf(3, 10).plus(Duration.ofMinutes(31)));
        String doctorToken = scenario.doctorLogin(doctor);
        Api.Response recorded = noShow(missed, doctorToken, "O paciente não compareceu nem avisou");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.text("status")).isEqualTo("NO_SHOW");
        assertProblem(noShow(missed, doctorToken, null), 409, "no-show-not-allowed");
        assertProblem(cancel(cancelledLate, scenario.patientLogin(late)), 409, "cancellation-too-late");
        Api.Response byDoctor = cancel(cancelledLate, doctorToken);
        assertThat(byDoctor.status()).as("the doctor may cancel until the start: %s", byDoctor).isEqualTo(200);
        assertThat(byDoctor.text("status")).isEqualTo("CANCELLED");
    }

    @Test
    void a_no_show_is_recorded_only_within_the_window_after_the_end() {
        Person doctor = scenario.verifiedDoctor(adminToken());
        UUID kept = accepted(doctor, scenario.requested(scenario.patient(), scenario.publishSlot(doctor, 5, 14)));
        UUID forgotten = accepted(doctor, scenario.requested(scenario.patient(), scenario.publishSlot(doctor, 5, 15)));
        Instant end = startOf(5, 15).plus(Duration.ofMinutes(30));

        moveTo(end.plus(Duration.ofHours(47)));
        Api.Response inTime = noShow(kept, scenario.doctorLogin(doctor), null);
        assertThat(inTime.status()).as("47 h after the end of the 14:00 one: %s", inTime).isEqualTo(200);

        moveTo(end.plus(Duration.ofHours(48)).plusSeconds(1));
        assertProblem(noShow(forgotten, scenario.doctorLogin(doctor), "O paciente não compareceu"), 409, "no-show-not-allowed");
    }

    private UUID accepted(Person doctor, UUID appointment) {
        Api.Response accepted = api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send();
        assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);
        return appointment;
    }

    private Api.Response cancel(UUID appointment, String token) {
        return api.post("/api/appointments/" + appointment + "/cancel").token(token)
                .body(Map.of("justification", "Imprevisto de última hora")).send();
    }

    private Api.Response noShow(UUID appointment, String doctorToken, String reason) {
        Api.Request request = api.post("/api/appointments/" + appointment + "/no-show").token(doctorToken);
        return (reason == null ? request : request.body(Map.of("reason", reason))).send();
    }

    /** The same instant as {@link TestData#slot(int, int)} publishes, computed as it does. */
    private static Instant startOf(int daysAhead, int hour) {
        return OffsetDateTime.parse((String) TestData.slot(daysAhead, hour).get("start")).toInstant();
    }

    private void moveTo(Instant instant) {
        clock.moveTo(instant);
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }
}
