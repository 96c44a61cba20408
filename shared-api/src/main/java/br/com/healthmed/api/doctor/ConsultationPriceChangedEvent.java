package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Money;
import org.axonframework.serialization.Revision;

/** Requests made from now on carry this price; existing appointments keep theirs. */
@Revision("1")
public record ConsultationPriceChangedEvent(DoctorId doctorId, Money consultationPrice) {
}
