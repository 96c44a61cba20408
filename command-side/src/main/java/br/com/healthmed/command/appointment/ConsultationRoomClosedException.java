package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** The room closes a configured time after the end (healthmed.consultation.closes-after, 30 minutes by default). */
public final class ConsultationRoomClosedException extends DomainRejection {

    public ConsultationRoomClosedException() {
        super("consultation-room-closed", Kind.CONFLICT, "the video room has closed: the appointment ended too long ago");
    }
}
