package br.com.healthmed.command.patient;

import br.com.healthmed.command.shared.DomainRejection;

/** Unknown, already used, superseded by a newer mail, or its registration is gone: the answer is the same. */
public final class ConfirmationTokenInvalidException extends DomainRejection {

    public ConfirmationTokenInvalidException() {
        super("confirmation-token-invalid", Kind.INVALID,
                "this confirmation link is unknown or was already used; ask for a new one");
    }
}
