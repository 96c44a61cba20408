package br.com.healthmed.command.account;

import br.com.healthmed.command.shared.DomainRejection;

/** Deactivating this ADMIN would leave nobody able to administer the platform. */
public final class LastActiveAdminException extends DomainRejection {

    public LastActiveAdminException() {
        super("last-active-admin", Kind.CONFLICT, "this is the last active ADMIN account; create or reactivate another first");
    }
}
