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
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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

    @Test
    void a_batch_of_slot_events_is_one_bulk_write_and_announces_each_doctor_once_after_it() {
        DoctorId other = DoctorId.random();
        List<Object> batch = new ArrayList<>();
        List<SlotId> published = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            SlotId next = SlotId.random();
            published.add(next);
            batch.add(TestEvents.slot(i % 2 == 0 ? doctor : other, next, start.plus(Duration.ofMinutes(30L * i))));
        }
        AppointmentId appointment = AppointmentId.random();
        batch.add(new SlotHeldEvent(doctor, published.getFirst(), appointment));
        batch.add(new SlotRemovedEvent(other, published.get(1)));
        int updatesBefore = fixture.commandsSent("update");
        int deletesBefore = fixture.commandsSent("delete");

        feeder.feedAsOneBatch(now, batch.toArray());

        assertThat(fixture.commandsSent("update") - updatesBefore).as("upserts and the hold, one bulk").isEqualTo(1);
        assertThat(fixture.commandsSent("delete") - deletesBefore).as("the removal, after them in order").isEqualTo(1);
        assertThat(fixture.mongo().count(new Query(), SlotDocument.class)).isEqualTo(299);
        SlotDocument held = fixture.mongo().findById(published.getFirst().toString(), SlotDocument.class);
        assertThat(held.status()).isEqualTo(SlotDocument.Status.HELD);
        assertThat(held.appointmentId()).isEqualTo(appointment.toString());
        assertThat(agendaChanges.changedDoctors()).containsExactly(doctor.toString(), other.toString());
    }

    @Test
    void a_batch_handled_again_after_a_failure_gives_the_same_documents() {
        SlotId second = SlotId.random();
        Object[] batch = {TestEvents.slot(doctor, slot, start), TestEvents.slot(doctor, second, start.plus(Duration.ofHours(1))),
                new SlotMovedEvent(doctor, slot, start.plus(Duration.ofHours(2)), start.plus(Duration.ofMinutes(150)))};
        feeder.feedAsOneBatch(now, batch);
        List<SlotDocument> once = fixture.mongo().findAll(SlotDocument.class);

        feeder.feedAsOneBatch(now, batch);

        assertThat(fixture.mongo().findAll(SlotDocument.class)).containsExactlyInAnyOrderElementsOf(once).hasSize(2);
        assertThat(slot().start()).isEqualTo(start.plus(Duration.ofHours(2)));
    }
}
