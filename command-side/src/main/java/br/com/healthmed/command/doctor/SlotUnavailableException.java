package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** The slot is held by another active appointment. */
public final class SlotUnavailableException extends DomainRejection {

    public SlotUnavailableException() {
        super("slot-unavailable", Kind.CONFLICT, "the slot is already taken");
    }
}
