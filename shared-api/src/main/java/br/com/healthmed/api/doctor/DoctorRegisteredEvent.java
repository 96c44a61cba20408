package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** A doctor joined, unverified. Name, CRM number and e-mail are sealed with the doctor's key. */
@Revision("1")
public record DoctorRegisteredEvent(
        DoctorId doctorId,
        Sealed name,
        Sealed crmNumber,
        Uf crmUf,
        Sealed email,
        Specialty specialty,
        Money consultationPrice,
        String timeZone) {
}
