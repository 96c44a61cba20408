package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Role;
import org.axonframework.serialization.Revision;

/** The doctor or the patient left the video room, or their connection to it ended. */
@Revision("1")
public record ParticipantLeftEvent(AppointmentId appointmentId, Role participant) {
}
