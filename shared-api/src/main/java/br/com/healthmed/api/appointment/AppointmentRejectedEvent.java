package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.serialization.Revision;

/** The reason is about the patient's care, so it is sealed with the patient's key. */
@Revision("1")
public record AppointmentRejectedEvent(
        AppointmentId appointmentId, DoctorId doctorId, PatientId patientId, SlotId slotId, Sealed reason) {
}
