package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A patient asks for a doctor's free slot; routed by doctor, whose schedule decides who gets a contested slot. */
public record RequestAppointmentCommand(
        AppointmentId appointmentId,
        @TargetAggregateIdentifier DoctorId doctorId,
        SlotId slotId,
        PatientId patientId) {
}
