package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** A slot must start after now. */
public final class SlotInPastException extends DomainRejection {

    public SlotInPastException() {
        super("slot-in-past", Kind.INVALID, "a slot must start in the future");
    }
}
