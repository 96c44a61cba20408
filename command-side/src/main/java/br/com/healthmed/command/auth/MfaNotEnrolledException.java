package br.com.healthmed.command.auth;

import br.com.healthmed.command.shared.DomainRejection;

/** There is no second factor (or no enrolment started) to confirm, disable or reset. */
public final class MfaNotEnrolledException extends DomainRejection {

    public MfaNotEnrolledException() {
        super("mfa-not-enrolled", Kind.CONFLICT, "this account has no second factor (or no enrolment in progress)");
    }
}
