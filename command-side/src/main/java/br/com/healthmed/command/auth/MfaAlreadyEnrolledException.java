package br.com.healthmed.command.auth;

import br.com.healthmed.command.shared.DomainRejection;

/** An account has one second factor at a time: a second enrolment would silently replace the first. */
public final class MfaAlreadyEnrolledException extends DomainRejection {

    public MfaAlreadyEnrolledException() {
        super("mfa-already-enrolled", Kind.CONFLICT, "this account already has a second factor; disable it (or have an ADMIN reset it) before enrolling again");
    }
}
