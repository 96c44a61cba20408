package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** A deactivated doctor neither publishes slots nor is booked until an ADMIN reactivates them. */
public final class DoctorDeactivatedException extends DomainRejection {

    public DoctorDeactivatedException() {
        super("doctor-deactivated", Kind.CONFLICT, "this doctor has been deactivated");
    }
}
