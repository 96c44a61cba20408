package br.com.healthmed.command.patient;

import br.com.healthmed.command.shared.DomainRejection;

/** The registration's time to confirm ran out: its e-mail and CPF are free again, and a new registration is needed. */
public final class ConfirmationTokenExpiredException extends DomainRejection {

    public ConfirmationTokenExpiredException() {
        super("confirmation-token-expired", Kind.INVALID,
                "the time to confirm this registration has passed; register again");
    }
}
