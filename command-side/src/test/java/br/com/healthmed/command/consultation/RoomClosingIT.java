package br.com.healthmed.command.consultation;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static br.com.healthmed.command.consultation.SignallingClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A consultation nobody ends explicitly (doctor and patient just close their pages) ends when its room closes, through
 * the real persistent deadline (db-scheduler), and completes the appointment as the doctor's end would.
 * <p>
 * Time is the application's injected clock, set days back: the appointment and its room lie in the wall clock's past,
 * so the room's deadline is due as soon as db-scheduler looks. db-scheduler is held paused while the two enter and
 * leave (otherwise it would run the deadline between the two entries) and resumed with the clock at the room's
 * closing; nothing waits for a wall-clock duration.
 */
@IntegrationTest
@Import(RoomClosingIT.MovableTime.class)
class RoomClosingIT {

    @TestConfiguration
    static class MovableTime {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now().minus(Duration.ofDays(5)));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    Scheduler deadlines;

    @Autowired
    JdbcTemplate jdbc;

    private Api api;
    private Scenario scenario;

    @BeforeEach
    void setUp() {
        clock.moveTo(Instant.now().minus(Duration.ofDays(5)));
        api = new Api(port);
        scenario = new Scenario(api);
        deadlines.pause();
    }

    @AfterEach
    void resumeDeadlines() {
        deadlines.resume();
    }

    @Test
    void a_consultation_both_left_without_ending_ends_held_when_its_room_closes_and_completes_the_appointment() {
        Person doctor = scenario.verifiedDoctor(adminToken());
        Person patient = scenario.patient();
        UUID slot = scenario.publishSlot(doctor, -3, 9);
        UUID appointment = scenario.requested(patient, slot);
        assertThat(api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);
        assertThat(api.post("/api/appointments/" + appointment + "/consultation/consent").token(patient.accessToken())
                .send().status()).isEqualTo(204);
        Instant start = OffsetDateTime.parse((String) TestData.slot(-3, 9).get("start")).toInstant();
        Instant roomCloses = start.plus(Duration.ofMinutes(30)).plus(Duration.ofMinutes(30));

        clock.moveTo(start.plus(Duration.ofMinutes(1)));
        Rooms rooms = new Rooms(api);
        String doctorTicket = ticket(rooms, appointment, scenario.doctorLogin(doctor));
        String patientTicket = ticket(rooms, appointment, scenario.patientLogin(patient));
        try (SignallingClient doctorPage = SignallingClient.connect(port, doctorTicket);
             SignallingClient patientPage = SignallingClient.connect(port, patientTicket)) {
            assertThat(doctorPage.next("peer-joined").path("role").asText()).isEqualTo("PATIENT");
            patientPage.next("welcome");
        }
        await("both departures are recorded", () -> types(appointment).stream()
                .filter("healthmed.appointment.ParticipantLeft"::equals).count() == 2);
        assertThat(types(appointment)).doesNotContain("healthmed.appointment.ConsultationEnded");

        clock.moveTo(roomCloses);
        deadlines.resume();
        deadlines.triggerCheckForDueExecutions();
        await("the consultation ends by its room's deadline", () -> types(appointment)
                .contains("healthmed.appointment.ConsultationEnded"));
        await("the appointment is completed", () -> types(appointment)
                .contains("healthmed.appointment.AppointmentCompleted"));

        assertThat(types(appointment)).containsSubsequence("healthmed.appointment.ConsultationStarted",
                "healthmed.appointment.ParticipantJoined", "healthmed.appointment.ParticipantJoined",
                "healthmed.appointment.ParticipantLeft", "healthmed.appointment.ParticipantLeft",
                "healthmed.appointment.ConsultationEnded");
        assertThat(types(appointment)).filteredOn("healthmed.appointment.AppointmentCompleted"::equals).hasSize(1);
        Map<String, Object> ended = jdbc.queryForMap("""
                SELECT convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta_data
                  FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND payload_type = 'healthmed.appointment.ConsultationEnded'""",
                appointment.toString());
        assertThat(parse((String) ended.get("payload")).path("held").asBoolean()).as("both attended").isTrue();
        assertThat(parse((String) ended.get("meta_data")).path("role").asText()).as("time ended it, not a participant")
                .isEqualTo("SYSTEM");
        assertThat(parse((String) ended.get("meta_data")).path("userId").asText()).isEqualTo("system");
        assertThat(rooms.ticket(appointment, scenario.patientLogin(patient)).code()).isEqualTo("consultation-unavailable");
    }

    private static String ticket(Rooms rooms, UUID appointment, String token) {
        Api.Response ticket = rooms.ticket(appointment, token);
        assertThat(ticket.status()).as("ticket: %s", ticket).isEqualTo(201);
        return ticket.text("ticket");
    }

    private List<String> types(UUID appointment) {
        return jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, appointment.toString());
    }

    /** The ADMIN's second factor answers for the application's clock, which stands days back here. */
    private String adminToken() {
        return scenario.adminTokenAt(clock);
    }

    /** Polls what the application records; the bound is only a give-up for a broken build. */
    private static void await(String what, Supplier<Boolean> condition) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > giveUp) {
                fail("gave up waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
