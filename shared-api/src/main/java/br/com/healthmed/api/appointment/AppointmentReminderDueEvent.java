package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import org.axonframework.serialization.Revision;

import java.time.Duration;

/**
 * An accepted appointment starts in {@code before} (24 h, 2 h): time to remind its patient. Published by the
 * appointment's lifecycle when the reminder's deadline falls due, not by the aggregate: it changes no state.
 */
@Revision("1")
public record AppointmentReminderDueEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId,
                                          Duration before) {
}
