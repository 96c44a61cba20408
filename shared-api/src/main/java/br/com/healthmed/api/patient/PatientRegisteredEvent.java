package br.com.healthmed.api.patient;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** Every personal field is sealed with the patient's key; phone and birth date may be null. */
@Revision("1")
public record PatientRegisteredEvent(
        PatientId patientId,
        Sealed name,
        Sealed email,
        Sealed cpf,
        Sealed phone,
        Sealed birthDate) {
}
