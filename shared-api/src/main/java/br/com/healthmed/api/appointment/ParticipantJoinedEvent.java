package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Role;
import org.axonframework.serialization.Revision;

/** The doctor or the patient (by their role in the appointment) entered the video room, or re-entered it. */
@Revision("1")
public record ParticipantJoinedEvent(AppointmentId appointmentId, Role participant) {
}
