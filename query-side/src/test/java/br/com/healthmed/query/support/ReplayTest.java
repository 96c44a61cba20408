package br.com.healthmed.query.support;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.agenda.AgendaProjection;
import br.com.healthmed.query.appointment.AppointmentProjection;
import br.com.healthmed.query.doctor.DoctorProjection;
import br.com.healthmed.query.patient.PatientProjection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Reset every projection, deliver the same history again: the read models come out identical. */
class ReplayTest {

    private final ReadModelFixture fixture = ReadModelFixture.onEmulator();
    private final TestEvents events = new TestEvents(fixture.keys());
    private final Feeder feeder = new Feeder(
            fixture.doctorProjection(),
            new AgendaProjection(fixture.mongo(), new RecordedAgendaChanges()),
            new AppointmentProjection(fixture.mongo()),
            new PatientProjection(fixture.mongo()));

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void a_replay_rebuilds_identical_read_models() {
        Map<String, List<Document>> before = history();

        feeder.reset();
        assertThat(snapshot().values()).allSatisfy(documents -> assertThat(documents).isEmpty());
        feeder.redeliver();

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_replay_in_batches_of_any_size_rebuilds_the_same_read_models_as_one_by_one() {
        Map<String, List<Document>> oneByOne = history();

        for (int size : List.of(1, 3, 7, 100)) {
            feeder.reset();
            feeder.redeliverInBatchesOf(size);
            assertThat(snapshot()).as("batches of %d", size).isEqualTo(oneByOne);
        }
    }

    /** A doctor's slots booked, accepted, rejected, cancelled, moved and removed, a patient erased; handled one by one. */
    private Map<String, List<Document>> history() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant start = t.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        DoctorId doctor = DoctorId.random();
        PatientId patient = PatientId.random();
        PatientId erased = PatientId.random();
        SlotId first = SlotId.random();
        SlotId second = SlotId.random();
        SlotId third = SlotId.random();
        AppointmentId accepted = AppointmentId.random();
        AppointmentId rejected = AppointmentId.random();
        AppointmentId cancelled = AppointmentId.random();

        feeder.feed(t, events.doctorRegistered(doctor, "Ana Souza", Specialty.PEDIATRIA, "200.00"),
                        new DoctorVerifiedEvent(doctor), events.patientRegistered(patient, "Paula Pereira"),
                        events.patientRegistered(erased, "Eduardo Erased"))
                .feed(t.plusSeconds(1), TestEvents.slot(doctor, first, start), TestEvents.slot(doctor, second, start.plusSeconds(3600)),
                        TestEvents.slot(doctor, third, start.plusSeconds(7200)))
                .feed(t.plusSeconds(2), TestEvents.requested(accepted, doctor, patient, first, start, "200.00"),
                        new SlotHeldEvent(doctor, first, accepted), new AppointmentAcceptedEvent(accepted, doctor, patient))
                .feed(t.plusSeconds(3), new ConsultationPriceChangedEvent(doctor, Money.brl("220.00")),
                        TestEvents.requested(rejected, doctor, erased, second, start.plusSeconds(3600), "220.00"),
                        new SlotHeldEvent(doctor, second, rejected),
                        new AppointmentRejectedEvent(rejected, doctor, erased, second, fixture.keys().seal(erased.value(), "Sem vaga")),
                        new SlotReleasedEvent(doctor, second, rejected))
                .feed(t.plusSeconds(4), TestEvents.requested(cancelled, doctor, patient, third, start.plusSeconds(7200), "220.00"),
                        new SlotHeldEvent(doctor, third, cancelled),
                        new AppointmentCancelledEvent(cancelled, doctor, patient, third,
                                fixture.keys().seal(patient.value(), "Imprevisto"), Role.PATIENT),
                        new SlotReleasedEvent(doctor, third, cancelled),
                        new SlotMovedEvent(doctor, third, start.plusSeconds(9000), start.plusSeconds(10800)),
                        new SlotRemovedEvent(doctor, second),
                        new PatientDataErasedEvent(erased));

        Map<String, List<Document>> before = snapshot();
        assertThat(before.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());
        return before;
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> collections = new TreeMap<>();
        for (String name : List.of("doctors", "doctor_slots", "slots", "appointments", "patients")) {
            collections.put(name, fixture.mongo().find(new Query().with(org.springframework.data.domain.Sort.by("_id")),
                    Document.class, name));
        }
        return collections;
    }
}
