package br.com.healthmed.command.flow;

import br.com.healthmed.command.CommandSideApplication;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side replicas on one PostgreSQL, each with its own aggregate cache and its own locks. A replica's cached
 * aggregate is trusted only while it is as new as its stream in the store (ADR 0009), so a replica decides on the
 * other's latest events; and when two race, the store's unique (aggregate, sequence) key refuses the second append.
 * The same holds for a doctor's day schedules, including two slots on either side of a UTC midnight.
 */
@IntegrationTest
class TwoCommandSidesIT {

    private static ConfigurableApplicationContext secondReplica;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    Api first;
    Api second;
    Scenario scenario;

    @BeforeEach
    void startSecondReplica() {
        if (secondReplica == null) {
            // As command-line arguments: default properties would lose to application.yml's placeholders.
            List<String> shared = new ArrayList<>();
            Stream.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                            "spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.database",
                            "spring.mail.host", "spring.mail.port",
                            "healthmed.privacy.master-key", "healthmed.privacy.lookup-key",
                            "healthmed.security.jwt.key-directory", "healthmed.admin.email", "healthmed.admin.password",
                            "healthmed.admin.totp-secret")
                    .forEach(name -> shared.add("--" + name + "=" + environment.getRequiredProperty(name)));
            shared.add("--server.port=0");
            secondReplica = new SpringApplicationBuilder(CommandSideApplication.class).run(shared.toArray(String[]::new));
        }
        first = new Api(port);
        second = new Api(((WebServerApplicationContext) secondReplica).getWebServer().getPort());
        scenario = new Scenario(first);
    }

    @AfterAll
    static void stopSecondReplica() {
        if (secondReplica != null) {
            secondReplica.close();
            secondReplica = null;
        }
    }

    @Test
    void a_replica_whose_cached_schedule_is_behind_sees_the_slot_the_other_replica_booked() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID contested = scenario.publishSlot(doctor, 14, 9);
        UUID other = scenario.publishSlot(doctor, 14, 10);
        Person early = scenario.patient();
        Person late = scenario.patient();
        // The first replica has just published: its cache holds the schedule with both slots free.

        Api.Response won = book(second, early, contested);
        assertThat(won.status()).as("second replica, fresh from the store: %s", won).isEqualTo(201);

        Api.Response behind = book(first, late, contested);
        assertThat(behind.status()).as("first replica, cache behind the store: %s", behind).isEqualTo(409);
        assertThat(behind.code()).isEqualTo("slot-unavailable");
        assertThat(book(first, late, other).status()).isEqualTo(201);

        assertThat(appointmentsRequestedFor(contested)).containsExactly(won.text("appointmentId"));
        assertThat(heldEventsFor(contested)).isEqualTo(1);
    }

    /**
     * A decision that appends nothing to a cached aggregate is never refused by the store: a rejection on the first
     * replica releases the slot in the day schedule, and a day cached before the other replica's booking would think
     * the slot already free, write nothing, and leave it held for good while the appointment is rejected.
     */
    @Test
    void a_rejection_on_the_replica_that_did_not_take_the_booking_frees_the_slot() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID slot = scenario.publishSlot(doctor, 15, 9);
        // The first replica has just published: its cache holds the day with the slot free.
        Api.Response booked = book(second, scenario.patient(), slot);
        assertThat(booked.status()).as("booked on the second replica: %s", booked).isEqualTo(201);

        Api.Response rejected = first.post("/api/appointments/" + booked.text("appointmentId") + "/reject")
                .token(doctor.accessToken()).body(Map.of("reason", "Agenda alterada")).send();
        assertThat(rejected.status()).as("rejected on the first replica: %s", rejected).isEqualTo(200);

        assertThat(releasedEventsFor(slot)).as("the day schedule released the slot").isEqualTo(1);
        Api.Response again = book(second, scenario.patient(), slot);
        assertThat(again.status()).as("the freed slot is bookable: %s", again).isEqualTo(201);
    }

    @Test
    void both_replicas_racing_for_the_same_slots_leave_exactly_one_winner_per_slot() throws Exception {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        List<UUID> slots = List.of(scenario.publishSlot(doctor, 16, 8), scenario.publishSlot(doctor, 16, 9),
                scenario.publishSlot(doctor, 16, 10));
        for (UUID slot : slots) {
            Person viaFirst = scenario.patient();
            Person viaSecond = scenario.patient();
            List<Api> racing = List.of(first, second);
            Api.Response[] answers = new Api.Response[2];
            Thread a = Thread.ofVirtual().start(() -> answers[0] = book(racing.get(0), viaFirst, slot));
            Thread b = Thread.ofVirtual().start(() -> answers[1] = book(racing.get(1), viaSecond, slot));
            a.join();
            b.join();
            assertThat(Stream.of(answers).filter(r -> r.status() == 201)).as("%s", List.of(answers)).hasSize(1);
            assertThat(Stream.of(answers).filter(r -> r.status() == 409))
                    .allSatisfy(r -> assertThat(r.code()).isIn("slot-unavailable", "concurrent-modification"))
                    .hasSize(1);
            assertThat(appointmentsRequestedFor(slot)).hasSize(1);
        }
    }

    /**
     * Issue 10, item 4, across replicas: a patient moves her appointment on one replica while another patient books the
     * same slot on the other, each replica with its own locks and cache. The store's unique (aggregate, sequence) key
     * lets one unit of work in: exactly one wins, the loser is told so with a stable code and changes nothing. A lost
     * move leaves the appointment at its old slot, still held; a won move frees the old slot. The account-closure view
     * of open appointments (V9) ends up with the moved appointment and the winning bookings only.
     */
    @Test
    void a_reschedule_on_one_replica_racing_a_booking_on_the_other_has_one_winner_and_the_loser_changes_nothing()
            throws Exception {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID current = scenario.publishSlot(doctor, 18, 8);
        UUID appointment = scenario.requested(patient, current);
        Set<String> open = new HashSet<>(Set.of(appointment.toString()));
        int moves = 0;
        for (int round = 0; round < 6; round++) {
            UUID contested = scenario.publishSlot(doctor, 18, 9 + round);
            // A booker per round: a patient may hold only a few pending requests (issue 9, item 9).
            Person other = scenario.patient();
            Api.Response[] answers = new Api.Response[2];
            Thread move = Thread.ofVirtual().start(() -> answers[0] = first.post("/api/appointments/" + appointment
                    + "/reschedule").token(patient.accessToken()).body(Map.of("slotId", contested.toString())).send());
            Thread booking = Thread.ofVirtual().start(() -> answers[1] = book(second, other, contested));
            move.join();
            booking.join();
            Api.Response moved = answers[0];
            Api.Response booked = answers[1];

            boolean moveWon = moved.status() == 200;
            assertThat(moveWon ^ booked.status() == 201).as("round %d, one winner: %s / %s", round, moved, booked).isTrue();
            Api.Response loser = moveWon ? booked : moved;
            assertThat(loser.status()).as("round %d loser: %s", round, loser).isEqualTo(409);
            assertThat(loser.code()).isIn("slot-unavailable", "concurrent-modification");

            assertThat(holdsOf(contested)).as("round %d: the contested slot is held once", round).isEqualTo(1);
            if (moveWon) {
                assertThat(moved.text("status")).isEqualTo("REQUESTED");
                assertThat(appointmentsRequestedFor(contested)).as("round %d: the booking left nothing", round).isEmpty();
                assertThat(releasesOf(current)).as("round %d: the old slot is freed", round).isEqualTo(1);
                current = contested;
                moves++;
            } else {
                assertThat(appointmentsRequestedFor(contested)).containsExactly(booked.text("appointmentId"));
                assertThat(releasesOf(current)).as("round %d: the old slot stays held", round).isZero();
                open.add(booked.text("appointmentId"));
            }
            assertThat(slotOf(appointment)).as("round %d: where the appointment is", round).isEqualTo(current);
            assertThat(reschedulingsOf(appointment)).isEqualTo(moves);
        }

        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (!openAppointmentsOf(doctor).equals(open) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
        }
        assertThat(openAppointmentsOf(doctor)).isEqualTo(open);
    }

    /**
     * 20:30–21:30 in São Paulo is 23:30–00:30 UTC: it starts in one day schedule and runs into the next, where the
     * other replica publishes 00:00–00:30. The first replica's cache still holds the next day as it was before, yet it
     * cannot commit: the slot's overhang is appended to the next day's stream too, at a sequence number the other
     * replica has just used (ADR 0011). Checking the neighbouring day without writing to it would have let both in.
     */
    @Test
    void a_stale_cached_day_cannot_publish_a_slot_over_midnight_onto_the_other_replicas_slot() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(20).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(publish(first, doctor, midnight.plus(Duration.ofHours(10)), Duration.ofMinutes(30)).status())
                .as("the first replica caches the next day").isEqualTo(201);

        assertThat(publish(second, doctor, midnight, Duration.ofMinutes(30)).status()).isEqualTo(201);

        Api.Response behind = publish(first, doctor, midnight.minus(Duration.ofMinutes(30)), Duration.ofHours(1));
        assertThat(behind.status()).as("first replica, cached next day behind the store: %s", behind).isEqualTo(409);
        assertThat(behind.code()).isEqualTo("slot-overlap");
        assertThat(slotsOf(doctor)).isEqualTo(2);
    }

    @Test
    void both_replicas_publishing_overlapping_slots_on_adjacent_days_leave_exactly_one() throws Exception {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        for (int round = 0; round < 5; round++) {
            Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(30 + round).atStartOfDay(ZoneOffset.UTC).toInstant();
            Api.Response[] answers = new Api.Response[2];
            Thread a = Thread.ofVirtual().start(() ->
                    answers[0] = publish(first, doctor, midnight.minus(Duration.ofMinutes(30)), Duration.ofHours(1)));
            Thread b = Thread.ofVirtual().start(() -> answers[1] = publish(second, doctor, midnight, Duration.ofMinutes(30)));
            a.join();
            b.join();

            assertThat(Stream.of(answers).filter(r -> r.status() == 201)).as("%s", List.of(answers)).hasSize(1);
            assertThat(Stream.of(answers).filter(r -> r.status() == 409))
                    .allSatisfy(r -> assertThat(r.code()).isIn("slot-overlap", "concurrent-modification"))
                    .hasSize(1);
            assertThat(slotsOf(doctor)).isEqualTo(round + 1);
        }
    }

    private static Api.Response publish(Api replica, Person doctor, Instant start, Duration length) {
        return replica.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", start.toString(), "end", start.plus(length).toString())).send();
    }

    private long slotsOf(Person doctor) {
        return jdbc.sql("SELECT count(*) FROM slot_directory WHERE doctor_id = ?").param(doctor.id()).query(Long.class).single();
    }

    private static Api.Response book(Api replica, Person patient, UUID slotId) {
        return replica.post("/api/appointments").token(patient.accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("slotId", slotId.toString())).send();
    }

    private int holdsOf(UUID slotId) {
        return countOf("healthmed.schedule.SlotHeld", slotId);
    }

    private int releasesOf(UUID slotId) {
        return countOf("healthmed.schedule.SlotReleased", slotId);
    }

    private int countOf(String payloadType, UUID slotId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE payload_type = ? AND convert_from(payload, 'UTF8') LIKE ?""")
                .params(payloadType, "%" + slotId + "%").query(Integer.class).single();
    }

    /** The slot of the appointment's latest request or move. */
    private UUID slotOf(UUID appointment) {
        return jdbc.sql("""
                        SELECT CAST(convert_from(payload, 'UTF8') AS JSONB) ->> 'slotId' FROM domain_event_entry
                         WHERE aggregate_identifier = ?
                           AND payload_type IN ('healthmed.appointment.AppointmentRequested',
                                                'healthmed.appointment.AppointmentRescheduled')
                         ORDER BY sequence_number DESC LIMIT 1""")
                .param(appointment.toString()).query(String.class).optional().map(UUID::fromString).orElseThrow();
    }

    private int reschedulingsOf(UUID appointment) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND payload_type = 'healthmed.appointment.AppointmentRescheduled'""")
                .param(appointment.toString()).query(Integer.class).single();
    }

    private Set<String> openAppointmentsOf(Person doctor) {
        return new HashSet<>(jdbc.sql("SELECT CAST(appointment_id AS TEXT) FROM open_appointment WHERE doctor_id = ?")
                .param(doctor.id()).query(String.class).list());
    }

    /** An appointment's history opens with its request: the Appointment aggregates whose first event names the slot. */
    private List<String> appointmentsRequestedFor(UUID slotId) {
        return jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         WHERE type = 'Appointment' AND sequence_number = 0 AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slotId + "%").query(String.class).list();
    }

    private int releasedEventsFor(UUID slotId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE payload_type = 'healthmed.schedule.SlotReleased' AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slotId + "%").query(Integer.class).single();
    }

    /** The schedule's events that tie the slot to an appointment: holding it (and releasing it, which never happens here). */
    private int heldEventsFor(UUID slotId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE type IN ('Doctor', 'DaySchedule') AND convert_from(payload, 'UTF8') LIKE ?
                           AND convert_from(payload, 'UTF8') LIKE '%appointmentId%'""")
                .param("%" + slotId + "%").query(Integer.class).single();
    }
}
