package br.com.healthmed.command.staff;

import br.com.healthmed.command.shared.DomainRejection;

/** Staff accounts are ADMIN or AUDITOR; patients and doctors register through their own commands. */
public final class StaffRoleInvalidException extends DomainRejection {

    public StaffRoleInvalidException() {
        super("role-invalid", Kind.INVALID, "a staff member is an ADMIN or an AUDITOR");
    }
}
