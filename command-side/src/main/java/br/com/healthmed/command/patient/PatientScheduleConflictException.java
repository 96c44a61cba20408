package br.com.healthmed.command.patient;

import br.com.healthmed.command.shared.DomainRejection;

/** A patient never holds two active appointments that overlap in time. */
public final class PatientScheduleConflictException extends DomainRejection {

    public PatientScheduleConflictException() {
        super("patient-schedule-conflict", Kind.CONFLICT, "the patient already has an active appointment at this time");
    }
}
