package br.com.healthmed.query.agenda;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.support.Feeder;
import br.com.healthmed.query.support.ReadModelFixture;
import br.com.healthmed.query.support.RecordedAgendaChanges;
import br.com.healthmed.query.support.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AgendaProjectionTest {

    private final ReadModelFixture fixture = ReadModelFixture.onEmulator();
    private final RecordedAgendaChanges agendaChanges = new RecordedAgendaChanges();
    private final Feeder feeder = new Feeder(new AgendaProjection(fixture.mongo(), agendaChanges));
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant start = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    private final DoctorId doctor = DoctorId.random();
    private final SlotId slot = SlotId.random();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private SlotDocument slot() {
        return fixture.mongo().findById(slot.toString(), SlotDocument.class);
    }

    @Test
    void a_published_slot_is_free_with_its_times() {
        feeder.feed(now, TestEvents.slot(doctor, slot, start));

        assertThat(slot()).isEqualTo(new SlotDocument(slot.toString(), doctor.toString(), start,
                start.plus(Duration.ofMinutes(30)), SlotDocument.Status.FREE, null));
    }

    @Test
    void a_held_slot_names_its_appointment_until_released() {
        AppointmentId appointment = AppointmentId.random();
        feeder.feed(now, TestEvents.slot(doctor, slot, start), new SlotHeldEvent(doctor, slot, appointment));
        assertThat(slot().status()).isEqualTo(SlotDocument.Status.HELD);
        assertThat(slot().appointmentId()).isEqualTo(appointment.toString());

        feeder.feed(now, new SlotReleasedEvent(doctor, slot, appointment));
        assertThat(slot().status()).isEqualTo(SlotDocument.Status.FREE);
        assertThat(slot().appointmentId()).isNull();
    }

    @Test
    void a_moved_slot_takes_its_new_times_and_a_removed_one_disappears() {
        Instant later = start.plus(Duration.ofHours(3));
        feeder.feed(now, TestEvents.slot(doctor, slot, start), new SlotMovedEvent(doctor, slot, later, later.plus(Duration.ofMinutes(45))));
        assertThat(slot().start()).isEqualTo(later);
        assertThat(slot().end()).isEqualTo(later.plus(Duration.ofMinutes(45)));

        feeder.feed(now, new SlotRemovedEvent(doctor, slot));
        assertThat(slot()).isNull();
    }

    @Test
    void every_slot_change_is_announced_for_its_doctor_after_the_write_and_a_reset_forgets_all() {
        feeder.feed(now, TestEvents.slot(doctor, slot, start));
        feeder.feed(now, new SlotRemovedEvent(doctor, slot));
        assertThat(agendaChanges.changedDoctors()).containsExactly(doctor.toString(), doctor.toString());

        feeder.reset();
        assertThat(agendaChanges.resets()).isEqualTo(1);
    }
}
