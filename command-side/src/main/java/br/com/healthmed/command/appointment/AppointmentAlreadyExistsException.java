package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** An appointment id names one request only. */
public final class AppointmentAlreadyExistsException extends DomainRejection {

    public AppointmentAlreadyExistsException() {
        super("appointment-already-exists", Kind.CONFLICT, "an appointment with this id already exists");
    }
}
