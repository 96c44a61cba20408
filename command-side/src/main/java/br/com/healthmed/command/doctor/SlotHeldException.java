package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** A slot held by an active appointment cannot be moved, resized or removed. */
public final class SlotHeldException extends DomainRejection {

    public SlotHeldException() {
        super("slot-held", Kind.CONFLICT, "the slot is held by an active appointment");
    }
}
