package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** A rejected registration or a revoked verification is final: the doctor is never verified or reactivated again. */
public final class DoctorRegistrationClosedException extends DomainRejection {

    public DoctorRegistrationClosedException() {
        super("doctor-registration-closed", Kind.CONFLICT,
                "this doctor's registration was rejected or its verification revoked; that is final");
    }
}
