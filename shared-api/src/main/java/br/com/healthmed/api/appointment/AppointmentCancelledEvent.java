package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.serialization.Revision;

/** The justification is sealed with the patient's key, whoever wrote it. */
@Revision("1")
public record AppointmentCancelledEvent(
        AppointmentId appointmentId,
        DoctorId doctorId,
        PatientId patientId,
        SlotId slotId,
        Sealed justification,
        Role cancelledBy) {
}
