package br.com.healthmed.command;

import br.com.healthmed.api.appointment.AcceptAppointmentCommand;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentOutcome;
import br.com.healthmed.api.appointment.AppointmentRequested;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.MoveSlotCommand;
import br.com.healthmed.api.schedule.PublishSlotCommand;
import br.com.healthmed.api.schedule.RemoveSlotCommand;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotsPublished;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.doctor.BookingTerms;
import br.com.healthmed.command.doctor.SlotDirectory;
import br.com.healthmed.command.shared.RejectionDetails;
import br.com.healthmed.command.support.IntegrationTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The domain inside the real application: Spring wiring of handlers and their injected resources, the JDBC event
 * store on PostgreSQL, snapshots through the configured serializer, the slot directory and the admin bootstrap.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.admin.email=Admin@HealthMed.test",
        "healthmed.admin.password=a-long-enough-secret",
        "healthmed.snapshots.schedule-threshold=3",
        "healthmed.snapshots.patient-threshold=2"
})
class DomainWiringIT {

    @Autowired
    CommandGateway commands;

    @Autowired
    SlotDirectory slotDirectory;

    @Autowired
    BookingTerms bookingTerms;

    @Autowired
    AccountRegistry accounts;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration eventProcessing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private static MetaData as(Role role, UUID userId) {
        return MetaData.with(AuditMetadata.USER_ID, userId.toString())
                .and(AuditMetadata.ROLE, role.name())
                .and(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString());
    }

    private static final MetaData ADMIN = as(Role.ADMIN, UUID.randomUUID());

    private DoctorId verifiedDoctor(String crmNumber) {
        DoctorId doctorId = DoctorId.random();
        commands.sendAndWait(new RegisterDoctorCommand(doctorId, new PersonName("Ana Souza"), Crm.of(crmNumber, "SP"),
                new Email("ana" + crmNumber + "@clinica.com.br"), Specialty.CARDIOLOGIA, Money.brl("250.00"),
                ZoneId.of("America/Sao_Paulo"), new PasswordHash("$argon2id$not-a-real-hash")), ADMIN);
        commands.sendAndWait(new VerifyDoctorCommand(doctorId), ADMIN);
        return doctorId;
    }

    private SlotId publish(DoctorId doctorId, TimeRange range) {
        SlotsPublished published = commands.sendAndWait(new PublishSlotCommand(doctorId, range), as(Role.DOCTOR, doctorId.value()));
        return published.slotIds().getFirst();
    }

    private TimeRange tomorrowAt(int hour) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1)).plus(Duration.ofHours(hour));
        return new TimeRange(start, start.plus(Duration.ofMinutes(30)));
    }

    private static String codeOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(CommandExecutionException.class);
        return ((CommandExecutionException) thrown).getDetails().map(RejectionDetails.class::cast)
                .map(RejectionDetails::code).orElseThrow();
    }

    @Test
    void the_configured_admin_is_registered_at_start_up() {
        assertThat(accounts.findByIdentifier(LoginIdentifier.staffEmail(new Email("admin@healthmed.test"))))
                .hasValueSatisfying(account -> assertThat(account.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void the_slot_directory_follows_published_and_removed_slots_in_the_same_transaction() {
        assertThat(eventProcessing.eventProcessor("slot-directory")).containsInstanceOf(SubscribingEventProcessor.class);
        DoctorId doctorId = verifiedDoctor("1001");

        SlotId slotId = publish(doctorId, tomorrowAt(1));
        assertThat(slotDirectory.ownerOf(slotId))
                .contains(new SlotDirectory.Owner(doctorId, DayScheduleId.of(doctorId, tomorrowAt(1).start())));

        commands.sendAndWait(new RemoveSlotCommand(doctorId, slotId), as(Role.DOCTOR, doctorId.value()));
        assertThat(slotDirectory.ownerOf(slotId)).isEmpty();
        assertThat(slotDirectory.ownerOf(SlotId.random())).isEmpty();
    }

    @Test
    void a_rejected_publication_leaves_no_trace_in_the_directory() {
        DoctorId doctorId = verifiedDoctor("1002");
        SlotId slotId = publish(doctorId, tomorrowAt(2));

        assertThatThrownBy(() -> publish(doctorId, tomorrowAt(2)))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo("slot-overlap"));
        assertThat(jdbc.sql("SELECT count(*) FROM slot_directory WHERE doctor_id = ?").param(doctorId.value())
                .query(Long.class).single()).isOne();
        assertThat(slotDirectory.ownerOf(slotId)).hasValueSatisfying(owner -> assertThat(owner.doctorId()).isEqualTo(doctorId));
    }

    @Test
    void a_booking_runs_through_the_spring_wiring_and_schedules_load_from_snapshots() {
        DoctorId doctorId = verifiedDoctor("1003");
        SlotId slotId = publish(doctorId, tomorrowAt(3));
        // Two more slots on the same UTC day (tomorrowAt(3) starts on the hour), so that its schedule is snapshotted.
        Instant sameHour = tomorrowAt(3).end();
        publish(doctorId, new TimeRange(sameHour, sameHour.plus(Duration.ofMinutes(10))));
        publish(doctorId, new TimeRange(sameHour.plus(Duration.ofMinutes(10)), sameHour.plus(Duration.ofMinutes(20))));
        publish(doctorId, tomorrowAt(5));
        PatientId patientId = PatientId.random();
        commands.sendAndWait(new RegisterPatientCommand(patientId, new PersonName("Maria Silva"), new Email("maria@example.com"),
                new Cpf("529.982.247-25"), null, null, new PasswordHash("$argon2id$not-a-real-hash")), ADMIN);
        AppointmentId appointmentId = AppointmentId.random();
        MetaData asPatient = as(Role.PATIENT, patientId.value());

        AppointmentRequested requested = commands.sendAndWait(
                new RequestAppointmentCommand(appointmentId, doctorId, DayScheduleId.of(doctorId, tomorrowAt(3).start()),
                        slotId, patientId), asPatient);
        AppointmentOutcome accepted = commands.sendAndWait(new AcceptAppointmentCommand(appointmentId), as(Role.DOCTOR, doctorId.value()));

        assertThat(requested).isEqualTo(new AppointmentRequested(appointmentId, AppointmentStatus.REQUESTED, Money.brl("250.00")));
        assertThat(accepted.status()).isEqualTo(AppointmentStatus.ACCEPTED);
        assertThat(eventStore.readEvents(appointmentId.toString()).asStream())
                .allSatisfy(event -> assertThat(event.getMetaData())
                        .containsEntry(AuditMetadata.USER_ID, event.getSequenceNumber() == 0 ? patientId.toString() : doctorId.toString())
                        .containsKey(AuditMetadata.CORRELATION_ID));
        assertThat(jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(DayScheduleId.of(doctorId, tomorrowAt(3).start()).toString()).query(Long.class).single())
                .as("the day schedule (two slots published, one held) was snapshotted").isPositive();

        assertThatThrownBy(() -> commands.sendAndWait(new MoveSlotCommand(doctorId, slotId, tomorrowAt(8)),
                as(Role.DOCTOR, doctorId.value())))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo("slot-held"));
        assertThatThrownBy(() -> publish(doctorId, tomorrowAt(5)))
                .satisfies(thrown -> assertThat(codeOf(thrown)).isEqualTo("slot-overlap"));
    }

    @Test
    void booking_terms_follow_the_doctors_events_in_their_transaction_and_a_doctor_without_a_row_is_read_from_its_stream() {
        assertThat(eventProcessing.eventProcessor("booking-terms")).containsInstanceOf(SubscribingEventProcessor.class);
        DoctorId doctorId = DoctorId.random();
        commands.sendAndWait(new RegisterDoctorCommand(doctorId, new PersonName("Ana Souza"), Crm.of("1004", "SP"),
                new Email("ana1004@clinica.com.br"), Specialty.CARDIOLOGIA, Money.brl("250.00"),
                ZoneId.of("America/Sao_Paulo"), new PasswordHash("$argon2id$not-a-real-hash")), ADMIN);
        assertThat(bookingTerms.of(doctorId)).contains(new BookingTerms.Terms(false, false, Money.brl("250.00")));

        commands.sendAndWait(new VerifyDoctorCommand(doctorId), ADMIN);
        commands.sendAndWait(new UpdateDoctorProfileCommand(doctorId, new PersonName("Ana Souza"),
                new Email("ana1004@clinica.com.br"), Specialty.CARDIOLOGIA, Money.brl("310.50"),
                ZoneId.of("America/Sao_Paulo")), as(Role.DOCTOR, doctorId.value()));
        assertThat(bookingTerms.of(doctorId)).contains(new BookingTerms.Terms(true, false, Money.brl("310.50")));

        SlotId slotId = publish(doctorId, tomorrowAt(6));
        PatientId patientId = PatientId.random();
        commands.sendAndWait(new RegisterPatientCommand(patientId, new PersonName("Joana Lima"), new Email("joana@example.com"),
                new Cpf("111.444.777-35"), null, null, new PasswordHash("$argon2id$not-a-real-hash")), ADMIN);
        AppointmentId appointmentId = AppointmentId.random();
        AppointmentRequested requested = commands.sendAndWait(new RequestAppointmentCommand(appointmentId, doctorId,
                DayScheduleId.of(doctorId, tomorrowAt(6).start()), slotId, patientId), as(Role.PATIENT, patientId.value()));
        assertThat(requested.price()).isEqualTo(Money.brl("310.50"));

        // As for a doctor registered before the table existed (the Doctor's stream is snapshotted at this threshold).
        jdbc.sql("DELETE FROM booking_terms WHERE doctor_id = ?").param(doctorId.value()).update();
        assertThat(bookingTerms.of(doctorId)).contains(new BookingTerms.Terms(true, false, Money.brl("310.50")));
        assertThat(bookingTerms.of(DoctorId.random())).isEmpty();
    }
}
