package br.com.healthmed.api.doctor;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** A verified doctor's verification was withdrawn; the reason is sealed with the doctor's key. Final. */
@Revision("1")
public record DoctorVerificationRevokedEvent(DoctorId doctorId, Sealed reason) {
}
