package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A patient requested a slot at the doctor's price of that moment, which the appointment keeps. */
@Revision("1")
public record AppointmentRequestedEvent(
        AppointmentId appointmentId,
        DoctorId doctorId,
        PatientId patientId,
        SlotId slotId,
        Instant start,
        Instant end,
        Money price) {
}
