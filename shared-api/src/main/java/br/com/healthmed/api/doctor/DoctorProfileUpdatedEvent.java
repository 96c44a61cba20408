package br.com.healthmed.api.doctor;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** The doctor's name, e-mail, specialty or time zone changed (price changes have their own event). */
@Revision("1")
public record DoctorProfileUpdatedEvent(DoctorId doctorId, Sealed name, Sealed email, Specialty specialty, String timeZone) {
}
