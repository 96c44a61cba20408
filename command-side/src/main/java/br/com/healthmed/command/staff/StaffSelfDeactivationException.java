package br.com.healthmed.command.staff;

import br.com.healthmed.command.shared.DomainRejection;

/** An ADMIN cannot lock themself out; another ADMIN has to do it. */
public final class StaffSelfDeactivationException extends DomainRejection {

    public StaffSelfDeactivationException() {
        super("staff-self-deactivation", Kind.CONFLICT, "an ADMIN cannot deactivate their own account");
    }
}
