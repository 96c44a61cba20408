package br.com.healthmed.command.auth;

import br.com.healthmed.command.shared.DomainRejection;

/** ADMIN and AUDITOR accounts, and doctors when the switch is on, keep their second factor: only an ADMIN's reset removes it. */
public final class MfaMandatoryException extends DomainRejection {

    public MfaMandatoryException() {
        super("mfa-mandatory", Kind.FORBIDDEN, "a second factor is mandatory for this account's role; an ADMIN can reset it");
    }
}
