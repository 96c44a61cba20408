package br.com.healthmed.api.staff;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates an ADMIN or AUDITOR account; the e-mail must be unused among staff. */
public record RegisterStaffMemberCommand(
        @TargetAggregateIdentifier StaffId staffId, Role role, PersonName name, Email email, PasswordHash passwordHash) {
}
