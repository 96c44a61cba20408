package br.com.healthmed.command.patient;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Registers a patient: claims e-mail and CPF first, so a taken one leaves no key and no event behind, then seals every
 * personal field with the patient's own key. The account may not log in before its e-mail is confirmed, and the
 * registration expires unconfirmed after {@link PatientConfirmationProperties#validity()} (ADR 0033).
 */
@Component
class PatientRegistration {

    private final Repository<Patient> patients;
    private final AccountRegistry accounts;
    private final PersonalDataVault vault;
    private final PatientConfirmationProperties confirmation;
    private final Clock clock;

    PatientRegistration(Repository<Patient> patients, AccountRegistry accounts, PersonalDataVault vault,
                        PatientConfirmationProperties confirmation, Clock clock) {
        this.patients = patients;
        this.accounts = accounts;
        this.vault = vault;
        this.confirmation = confirmation;
        this.clock = clock;
    }

    @CommandHandler
    PatientId handle(RegisterPatientCommand command, DeadlineManager deadlines) throws Exception {
        PatientId patientId = Require.present(command.patientId(), "patientId");
        PersonName name = Require.present(command.name(), "name");
        Email email = Require.present(command.email(), "email");
        Cpf cpf = Require.present(command.cpf(), "cpf");
        PasswordHash passwordHash = Require.present(command.passwordHash(), "password");

        Instant unconfirmedUntil = clock.instant().plus(confirmation.validity());
        accounts.register(patientId.value(), Role.PATIENT, passwordHash,
                List.of(LoginIdentifier.patientEmail(email), LoginIdentifier.patientCpf(cpf)), unconfirmedUntil);

        UUID subject = patientId.value();
        Sealed sealedName = vault.seal(subject, name.value());
        Sealed sealedEmail = vault.seal(subject, email.value());
        Sealed sealedCpf = vault.seal(subject, cpf.digits());
        Sealed sealedPhone = command.phone() == null ? null : vault.seal(subject, command.phone().digits());
        Sealed sealedBirthDate = command.birthDate() == null ? null : vault.seal(subject, command.birthDate().toString());
        patients.newInstance(() -> new Patient(patientId, sealedName, sealedEmail, sealedCpf, sealedPhone, sealedBirthDate,
                unconfirmedUntil, deadlines));
        return patientId;
    }
}
