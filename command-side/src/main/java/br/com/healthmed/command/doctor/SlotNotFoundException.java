package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** The doctor's schedule has no slot with this id. */
public final class SlotNotFoundException extends DomainRejection {

    public SlotNotFoundException() {
        super("slot-not-found", Kind.NOT_FOUND, "the slot does not exist in this schedule");
    }
}
