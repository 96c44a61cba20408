package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** No such appointment, or the caller is not one of its parties: the answer is the same, so existence never leaks. */
public final class AppointmentNotFoundException extends DomainRejection {

    public AppointmentNotFoundException() {
        super("appointment-not-found", Kind.NOT_FOUND, "appointment not found");
    }
}
