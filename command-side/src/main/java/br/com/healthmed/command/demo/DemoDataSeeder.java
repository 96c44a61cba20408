package br.com.healthmed.command.demo;

import br.com.healthmed.api.appointment.AcceptAppointmentCommand;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.patient.ConfirmPatientEmailCommand;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.api.schedule.PublishSlotCommand;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotsPublished;
import br.com.healthmed.api.schedule.PublishWeeklyPatternCommand;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.demo.DemoCatalogue.DemoDoctor;
import br.com.healthmed.command.appointment.ConsultationProperties;
import br.com.healthmed.command.config.BookingProperties;
import br.com.healthmed.command.demo.DemoCatalogue.DemoPatient;
import br.com.healthmed.command.doctor.SlotDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Seeds {@link DemoCatalogue} once, through the same commands, handlers and rules as real users, so the demo shows
 * the product rather than a database dump. It runs before the application reports itself ready, so {@code ./run.sh}
 * prints the logins only once they work. A failure stops the start-up loudly instead of leaving half a demo behind
 * unnoticed.
 * <p>
 * On every start it also books, through the same commands, an accepted appointment of the first demo doctor with the
 * first demo patient at the earliest time the booking notice allows, so that a newcomer can try the video consultation
 * right away (its room is open when the window opens early enough, as {@code ./run.sh} configures it).
 */
@Component
@ConditionalOnProperty(prefix = "healthmed.demo", name = "seed", havingValue = "true")
class DemoDataSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    private static final int CONSULTATION_ATTEMPTS = 16;

    private final CommandGateway commands;
    private final AccountRegistry accounts;
    private final PasswordEncoder passwordEncoder;
    private final DemoProperties properties;
    private final Clock clock;
    private final SlotDirectory slots;
    private final BookingProperties booking;
    private final ConsultationProperties room;

    DemoDataSeeder(CommandGateway commands, AccountRegistry accounts, PasswordEncoder passwordEncoder,
                   DemoProperties properties, Clock clock, SlotDirectory slots, BookingProperties booking,
                   ConsultationProperties room) {
        this.commands = commands;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
        this.slots = slots;
        this.booking = booking;
        this.room = room;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        seedOnce();
        bookConsultation();
    }

    private void seedOnce() {
        DemoDoctor marker = DemoCatalogue.DOCTORS.getFirst();
        if (accounts.findByIdentifier(LoginIdentifier.doctorCrm(marker.crm())).isPresent()) {
            log.info("Demo data already present ({} is registered); not seeding again", marker.crm());
            return;
        }
        Seeding seeding = new Seeding(UUID.randomUUID().toString());
        log.info("Seeding demo data: {} doctors with {} days of slots, {} patients (correlation id {})",
                DemoCatalogue.DOCTORS.size(), properties.scheduleDays(), DemoCatalogue.PATIENTS.size(), seeding.correlationId);
        DemoCatalogue.DOCTORS.forEach(seeding::seed);
        DemoCatalogue.PATIENTS.forEach(seeding::seed);
        log.info("Demo data seeded: {} verified doctors, {} patients, {} commands",
                DemoCatalogue.DOCTORS.size(), DemoCatalogue.PATIENTS.size(), seeding.commandsSent);
    }

    /**
     * A slot of {@link DemoCatalogue#CONSULTATION_DOCTOR} published at the first ten-minute mark the booking notice
     * allows, requested by {@link DemoCatalogue#CONSULTATION_PATIENT} and accepted. A time the doctor's agenda or the
     * patient already holds (a restart on a weekday morning) is refused by the rules, and the next half hour is tried.
     * Never fails the start: the rest of the demo works without it.
     */
    private void bookConsultation() {
        DemoDoctor doctor = DemoCatalogue.CONSULTATION_DOCTOR;
        DemoPatient patient = DemoCatalogue.CONSULTATION_PATIENT;
        String correlationId = UUID.randomUUID().toString();
        Instant earliest = clock.instant().plus(booking.minimumNotice()).plus(Duration.ofMinutes(1));
        Instant first = Instant.ofEpochSecond(Math.ceilDiv(earliest.getEpochSecond(), 600L) * 600L);
        RuntimeException last = null;
        for (int attempt = 0; attempt < CONSULTATION_ATTEMPTS; attempt++) {
            Instant start = first.plus(Duration.ofMinutes(30L * attempt));
            try {
                SlotsPublished published = sendOrThrow(new PublishSlotCommand(doctor.id(),
                        new TimeRange(start, start.plus(Duration.ofMinutes(30)))), doctor.id().toString(), Role.DOCTOR,
                        correlationId);
                SlotId slot = published.slotIds().getFirst();
                SlotDirectory.Owner owner = slots.ownerOf(slot).orElseThrow();
                AppointmentId appointment = AppointmentId.random();
                sendOrThrow(new RequestAppointmentCommand(appointment, doctor.id(), owner.schedule(), slot, patient.id()),
                        patient.id().toString(), Role.PATIENT, correlationId);
                sendOrThrow(new AcceptAppointmentCommand(appointment), doctor.id().toString(), Role.DOCTOR, correlationId);
                Instant opens = start.minus(room.opensBefore());
                log.info("Demo consultation {}: {} with {} at {}; its room {} (/consulta/?consulta={})", appointment,
                        doctor.crm(), patient.email(), start,
                        opens.isAfter(clock.instant()) ? "opens at " + opens : "is open now", appointment);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        log.warn("No demo consultation booked: {} half-hours from {} were all refused (last: {})", CONSULTATION_ATTEMPTS,
                first, last == null ? "none" : last.getMessage());
    }

    private <R> R sendOrThrow(Object command, String userId, Role role, String correlationId) {
        MetaData metaData = MetaData.from(Map.of(AuditMetadata.USER_ID, userId, AuditMetadata.ROLE, role.name(),
                AuditMetadata.CORRELATION_ID, correlationId));
        return commands.sendAndWait(command, metaData, properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One seeding run: its correlation id, and how far it got, for an honest message when it fails. */
    private final class Seeding {

        private final String correlationId;
        private int commandsSent;

        private Seeding(String correlationId) {
            this.correlationId = correlationId;
        }

        void seed(DemoDoctor doctor) {
            String doctorId = doctor.id().toString();
            String subject = doctor.crm().toString();
            LocalDate today = LocalDate.now(clock.withZone(doctor.zone()));
            send(subject, new RegisterDoctorCommand(doctor.id(), doctor.personName(), doctor.crm(),
                            doctor.emailAddress(), doctor.specialty(), doctor.consultationPrice(), doctor.zone(),
                            hash(DemoCatalogue.DOCTOR_PASSWORD)),
                    doctorId, Role.DOCTOR);
            send(subject, new VerifyDoctorCommand(doctor.id()), AuditMetadata.SYSTEM_USER, Role.ADMIN);
            send(subject, new PublishWeeklyPatternCommand(doctor.id(), doctor.pattern(today, properties.scheduleDays())),
                    doctorId, Role.DOCTOR);
        }

        void seed(DemoPatient patient) {
            send("patient " + patient.email(), new RegisterPatientCommand(patient.id(), patient.personName(),
                            patient.emailAddress(), patient.cpf(), patient.phoneNumber(), patient.birthDate(),
                            hash(DemoCatalogue.PATIENT_PASSWORD)),
                    patient.id().toString(), Role.PATIENT);
            // The catalogue's addresses are invented: nobody could follow a confirmation mail (ADR 0033).
            send("patient " + patient.email(), new ConfirmPatientEmailCommand(patient.id()), AuditMetadata.SYSTEM_USER,
                    Role.ADMIN);
        }

        private void send(String subject, Object command, String userId, Role role) {
            MetaData metaData = MetaData.from(Map.of(
                    AuditMetadata.USER_ID, userId,
                    AuditMetadata.ROLE, role.name(),
                    AuditMetadata.CORRELATION_ID, correlationId));
            try {
                commands.sendAndWait(command, metaData, properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
                commandsSent++;
            } catch (RuntimeException e) {
                String failed = "Demo seeding failed at " + subject + " (" + command.getClass().getSimpleName() + "): ";
                throw new IllegalStateException(commandsSent == 0
                        ? failed + "nothing was seeded; seeding is tried again on the next start."
                        : failed + "the demo data is incomplete after " + commandsSent + " commands and is not seeded "
                                + "again; delete HEALTHMED_HOME (./.local by default) to start over.", e);
            }
        }
    }

    private PasswordHash hash(String password) {
        return new PasswordHash(passwordEncoder.encode(password));
    }
}
