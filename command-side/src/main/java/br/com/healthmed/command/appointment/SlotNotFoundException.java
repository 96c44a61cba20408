package br.com.healthmed.command.appointment;

import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.shared.DomainRejection;

/** No doctor published this slot (or it was removed). */
class SlotNotFoundException extends DomainRejection {

    SlotNotFoundException(SlotId slotId) {
        super("slot-not-found", Kind.NOT_FOUND, "slot " + slotId + " does not exist");
    }
}
