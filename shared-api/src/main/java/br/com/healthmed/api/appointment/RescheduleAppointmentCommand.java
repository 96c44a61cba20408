package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Its patient (REQUESTED or ACCEPTED) or its doctor (ACCEPTED) moves an appointment to another free slot of the same
 * doctor. {@code doctorId} and {@code scheduleId} are where the slot directory says the new slot lives (the schedule
 * is null for a slot kept in the doctor's own stream), resolved by the controller as for a request.
 */
public record RescheduleAppointmentCommand(
        @TargetAggregateIdentifier AppointmentId appointmentId,
        DoctorId doctorId,
        DayScheduleId scheduleId,
        SlotId slotId) {
}
