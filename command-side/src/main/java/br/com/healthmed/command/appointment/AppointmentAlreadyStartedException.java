package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** An appointment cannot be accepted or cancelled once its time has begun. */
public final class AppointmentAlreadyStartedException extends DomainRejection {

    public AppointmentAlreadyStartedException() {
        super("appointment-already-started", Kind.CONFLICT, "the appointment has already started");
    }
}
