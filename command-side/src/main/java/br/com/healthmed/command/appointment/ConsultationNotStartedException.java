package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** A consultation ends only after someone entered its room. */
public final class ConsultationNotStartedException extends DomainRejection {

    public ConsultationNotStartedException() {
        super("consultation-not-started", Kind.CONFLICT, "nobody has joined this consultation yet, so it cannot end");
    }
}
