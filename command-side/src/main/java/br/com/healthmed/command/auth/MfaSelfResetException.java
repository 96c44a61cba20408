package br.com.healthmed.command.auth;

import br.com.healthmed.command.shared.DomainRejection;

/** Resetting is for someone who lost their authenticator; an ADMIN who could reset their own would make the factor worthless to a stolen session. */
public final class MfaSelfResetException extends DomainRejection {

    public MfaSelfResetException() {
        super("mfa-self-reset", Kind.FORBIDDEN, "an ADMIN cannot reset their own second factor; another ADMIN has to");
    }
}
