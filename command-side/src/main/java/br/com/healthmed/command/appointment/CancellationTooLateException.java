package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** Patients cannot cancel within the configured time before the start (the doctor can still free the slot). */
public final class CancellationTooLateException extends DomainRejection {

    public CancellationTooLateException() {
        super("cancellation-too-late", Kind.CONFLICT, "the appointment starts too soon to be cancelled by the patient");
    }
}
