package br.com.healthmed.command.patient;

import br.com.healthmed.command.shared.DomainRejection;

/** An irreversible step (erasure) asked for the current password again, and it was not the right one. */
public final class CurrentPasswordIncorrectException extends DomainRejection {

    public CurrentPasswordIncorrectException() {
        super("password-incorrect", Kind.FORBIDDEN, "the current password is not correct");
    }
}
