package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** REJECTED and CANCELLED are final. */
public final class AppointmentNotActiveException extends DomainRejection {

    public AppointmentNotActiveException() {
        super("appointment-not-active", Kind.CONFLICT, "the appointment is no longer active (rejected, cancelled, expired or over)");
    }
}
