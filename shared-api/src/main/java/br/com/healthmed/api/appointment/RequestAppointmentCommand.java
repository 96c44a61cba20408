package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A patient asks for a doctor's free slot; routed by doctor. {@code scheduleId} names the day schedule that holds the
 * slot, so that its lock can be taken before the transaction opens; null for a slot still kept in the doctor's own
 * stream (published before day schedules, ADR 0011). The handler checks that the slot really is there.
 */
public record RequestAppointmentCommand(
        AppointmentId appointmentId,
        @TargetAggregateIdentifier DoctorId doctorId,
        DayScheduleId scheduleId,
        SlotId slotId,
        PatientId patientId) {

    /** A request for a slot kept in the doctor's own stream. */
    public RequestAppointmentCommand(AppointmentId appointmentId, DoctorId doctorId, SlotId slotId, PatientId patientId) {
        this(appointmentId, doctorId, null, slotId, patientId);
    }
}
