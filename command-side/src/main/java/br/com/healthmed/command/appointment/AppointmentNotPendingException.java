package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** Only a REQUESTED appointment can be accepted or rejected. */
public final class AppointmentNotPendingException extends DomainRejection {

    public AppointmentNotPendingException() {
        super("appointment-not-pending", Kind.CONFLICT, "the appointment is no longer awaiting the doctor's decision");
    }
}
