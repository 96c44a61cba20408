package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** Only an accepted appointment has a video room, and only until its doctor ends the consultation. */
public final class ConsultationUnavailableException extends DomainRejection {

    public ConsultationUnavailableException() {
        super("consultation-unavailable", Kind.CONFLICT,
                "this appointment has no video room: it is not accepted (requested, cancelled, rejected, expired) or its consultation has ended");
    }
}
