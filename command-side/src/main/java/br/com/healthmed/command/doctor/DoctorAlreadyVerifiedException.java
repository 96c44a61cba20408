package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** Only a registration awaiting verification can be rejected; a verified doctor's verification is revoked instead. */
public final class DoctorAlreadyVerifiedException extends DomainRejection {

    public DoctorAlreadyVerifiedException() {
        super("doctor-already-verified", Kind.CONFLICT,
                "the doctor is verified: revoke the verification instead of rejecting the registration");
    }
}
