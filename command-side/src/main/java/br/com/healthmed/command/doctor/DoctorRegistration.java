package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Registers a doctor: claims the CRM first, so a taken CRM leaves no key and no event behind, then seals the personal
 * fields with the doctor's own key. A new doctor is unverified.
 */
@Component
class DoctorRegistration {

    private final Repository<Doctor> doctors;
    private final AccountRegistry accounts;
    private final PersonalDataVault vault;

    DoctorRegistration(Repository<Doctor> doctors, AccountRegistry accounts, PersonalDataVault vault) {
        this.doctors = doctors;
        this.accounts = accounts;
        this.vault = vault;
    }

    @CommandHandler
    DoctorId handle(RegisterDoctorCommand command) throws Exception {
        DoctorId doctorId = Require.present(command.doctorId(), "doctorId");
        PersonName name = Require.present(command.name(), "name");
        Crm crm = Require.present(command.crm(), "crm");
        Email email = Require.present(command.email(), "email");
        Specialty specialty = Require.present(command.specialty(), "specialty");
        Money price = DoctorInput.consultationPrice(command.consultationPrice());
        String timeZone = DoctorInput.timeZone(command.timeZone());
        PasswordHash passwordHash = Require.present(command.passwordHash(), "password");

        accounts.register(doctorId.value(), Role.DOCTOR, passwordHash, List.of(LoginIdentifier.doctorCrm(crm)));

        UUID subject = doctorId.value();
        Sealed sealedName = vault.seal(subject, name.value());
        Sealed sealedCrmNumber = vault.seal(subject, crm.number());
        Sealed sealedEmail = vault.seal(subject, email.value());
        doctors.newInstance(() -> new Doctor(doctorId, sealedName, sealedCrmNumber, crm.uf(), sealedEmail, specialty,
                price, timeZone));
        return doctorId;
    }
}
