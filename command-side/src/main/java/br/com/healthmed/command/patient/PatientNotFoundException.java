package br.com.healthmed.command.patient;

import br.com.healthmed.command.shared.DomainRejection;

/** No such patient, their data was erased, or the caller may not act on them: the answer is the same. */
public final class PatientNotFoundException extends DomainRejection {

    public PatientNotFoundException() {
        super("patient-not-found", Kind.NOT_FOUND, "patient not found");
    }
}
