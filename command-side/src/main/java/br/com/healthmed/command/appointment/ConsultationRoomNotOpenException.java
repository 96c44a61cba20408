package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** The room opens a configured time before the start (healthmed.consultation.opens-before, 10 minutes by default). */
public final class ConsultationRoomNotOpenException extends DomainRejection {

    public ConsultationRoomNotOpenException() {
        super("consultation-room-not-open", Kind.CONFLICT,
                "the video room is not open yet: it opens shortly before the appointment's start");
    }
}
