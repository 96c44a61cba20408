package br.com.healthmed.command.demo;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.api.schedule.PublishWeeklyPatternCommand;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.demo.DemoCatalogue.DemoDoctor;
import br.com.healthmed.command.demo.DemoCatalogue.DemoPatient;
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
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Seeds {@link DemoCatalogue} once, through the same commands, handlers and rules as real users, so the demo shows
 * the product rather than a database dump. It runs before the application reports itself ready, so {@code ./run.sh}
 * prints the logins only once they work. A failure stops the start-up loudly instead of leaving half a demo behind
 * unnoticed.
 */
@Component
@ConditionalOnProperty(prefix = "healthmed.demo", name = "seed", havingValue = "true")
class DemoDataSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final CommandGateway commands;
    private final AccountRegistry accounts;
    private final PasswordEncoder passwordEncoder;
    private final DemoProperties properties;
    private final Clock clock;

    DemoDataSeeder(CommandGateway commands, AccountRegistry accounts, PasswordEncoder passwordEncoder,
                   DemoProperties properties, Clock clock) {
        this.commands = commands;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedOnce() {
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
