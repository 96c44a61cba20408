package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/** Registers an ADMIN or AUDITOR: claims the e-mail among staff first, then seals name and e-mail. */
@Component
class StaffRegistration {

    private final Repository<StaffMember> staff;
    private final AccountRegistry accounts;
    private final PersonalDataVault vault;

    StaffRegistration(Repository<StaffMember> staff, AccountRegistry accounts, PersonalDataVault vault) {
        this.staff = staff;
        this.accounts = accounts;
        this.vault = vault;
    }

    @CommandHandler
    StaffId handle(RegisterStaffMemberCommand command) throws Exception {
        StaffId staffId = Require.present(command.staffId(), "staffId");
        StaffMember.requireStaffRole(command.role());
        PersonName name = Require.present(command.name(), "name");
        Email email = Require.present(command.email(), "email");
        PasswordHash passwordHash = Require.present(command.passwordHash(), "password");

        accounts.register(staffId.value(), command.role(), passwordHash, List.of(LoginIdentifier.staffEmail(email)));

        UUID subject = staffId.value();
        Sealed sealedName = vault.seal(subject, name.value());
        Sealed sealedEmail = vault.seal(subject, email.value());
        staff.newInstance(() -> new StaffMember(staffId, command.role(), sealedName, sealedEmail));
        return staffId;
    }
}
