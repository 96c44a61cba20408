package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The appointment moved from one slot of its doctor to another, in the same unit of work that held the new slot and
 * released the old one. {@code status} is the one it has now: REQUESTED after a patient moved it (the doctor decides
 * again), unchanged (ACCEPTED) after its doctor did.
 */
@Revision("1")
public record AppointmentRescheduledEvent(
        AppointmentId appointmentId,
        DoctorId doctorId,
        PatientId patientId,
        SlotId previousSlotId,
        Instant previousStart,
        Instant previousEnd,
        SlotId slotId,
        Instant start,
        Instant end,
        AppointmentStatus status,
        Role rescheduledBy) {
}
