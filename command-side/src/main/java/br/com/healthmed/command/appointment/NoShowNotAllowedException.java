package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/**
 * A no-show is recorded for an accepted appointment after it ended and within the window that follows, unless the
 * patient entered its video room.
 */
public final class NoShowNotAllowedException extends DomainRejection {

    public NoShowNotAllowedException() {
        super("no-show-not-allowed", Kind.CONFLICT,
                "a no-show can be recorded only for an accepted appointment, after its end and within the no-show window, "
                        + "and not once the patient entered its video room");
    }
}
