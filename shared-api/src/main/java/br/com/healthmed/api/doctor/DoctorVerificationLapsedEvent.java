package br.com.healthmed.api.doctor;

import org.axonframework.serialization.Revision;

/**
 * A verified doctor changed what the verification vouched for (name or specialty): they await verification again,
 * cannot be booked and are not listed until an ADMIN verifies them once more.
 */
@Revision("1")
public record DoctorVerificationLapsedEvent(DoctorId doctorId) {
}
