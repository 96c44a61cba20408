package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** The doctor cancels ACCEPTED appointments only; a pending request is rejected instead. */
public final class AppointmentNotCancellableException extends DomainRejection {

    public AppointmentNotCancellableException() {
        super("appointment-not-cancellable", Kind.CONFLICT, "the doctor may cancel only an accepted appointment");
    }
}
