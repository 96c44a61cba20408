package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** Moving away frees the old slot as a cancellation does, so the patient's cancellation cutoff applies to it too. */
public final class RescheduleTooLateException extends DomainRejection {

    public RescheduleTooLateException() {
        super("reschedule-too-late", Kind.CONFLICT, "the appointment starts too soon to be rescheduled by the patient");
    }
}
