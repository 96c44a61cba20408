package br.com.healthmed.api.doctor;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** A registration awaiting verification was turned down; the reason is sealed with the doctor's key. Final. */
@Revision("1")
public record DoctorRegistrationRejectedEvent(DoctorId doctorId, Sealed reason) {
}
