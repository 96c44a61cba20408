package br.com.healthmed.api.doctor;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** The administrator's reason is sealed with the doctor's key: it is about the doctor. */
@Revision("1")
public record DoctorDeactivatedEvent(DoctorId doctorId, Sealed reason) {
}
