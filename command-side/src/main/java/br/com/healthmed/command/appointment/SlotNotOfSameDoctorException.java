package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** An appointment moves only within its doctor's schedule; another doctor means a new request. */
public final class SlotNotOfSameDoctorException extends DomainRejection {

    public SlotNotOfSameDoctorException() {
        super("slot-not-of-same-doctor", Kind.UNPROCESSABLE, "the new slot belongs to another doctor");
    }
}
