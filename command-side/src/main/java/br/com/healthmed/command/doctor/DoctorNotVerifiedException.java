package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** Only a doctor verified by an ADMIN may publish slots or be booked. */
public final class DoctorNotVerifiedException extends DomainRejection {

    public DoctorNotVerifiedException() {
        super("doctor-not-verified", Kind.CONFLICT, "the doctor is not verified yet");
    }
}
