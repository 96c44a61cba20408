package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** Only an active appointment moves: its patient moves a request or an accepted one, its doctor an accepted one. */
public final class RescheduleNotAllowedException extends DomainRejection {

    public RescheduleNotAllowedException() {
        super("reschedule-not-allowed", Kind.CONFLICT,
                "only a requested or accepted appointment can be rescheduled, and by its doctor only once accepted");
    }
}
