package br.com.healthmed.api.doctor;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DoctorReactivatedEvent(DoctorId doctorId) {
}
