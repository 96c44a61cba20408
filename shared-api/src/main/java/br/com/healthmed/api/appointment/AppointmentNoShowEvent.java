package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** The doctor recorded that the patient did not attend; the optional reason is sealed with the patient's key. */
@Revision("1")
public record AppointmentNoShowEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId, Sealed reason) {
}
