package br.com.healthmed.api.doctor;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DoctorVerifiedEvent(DoctorId doctorId) {
}
