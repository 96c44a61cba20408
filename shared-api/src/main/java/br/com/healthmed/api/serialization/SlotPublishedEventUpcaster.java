package br.com.healthmed.api.serialization;

import br.com.healthmed.api.schedule.SlotPublishedEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link SlotPublishedEvent} revision 1 → 2: the slot gained {@code patternId}. Every revision-1 slot was stored before
 * patterns were recorded, so which pattern (if any) generated it is unknown: null, as for a slot published on its own.
 * Matches the logical name and the class name that version 5bca2fe stored.
 */
final class SlotPublishedEventUpcaster extends SingleEventUpcaster {

    static final String FROM_REVISION = "1";
    static final String TO_REVISION = "2";

    private final StoredTypes storedTypes;
    private final String name;

    SlotPublishedEventUpcaster(StoredTypes storedTypes) {
        this.storedTypes = storedTypes;
        this.name = storedTypes.nameOf(SlotPublishedEvent.class).orElseThrow();
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return FROM_REVISION.equals(representation.getType().getRevision())
                && storedTypes.isStoredNameOf(representation.getType().getName(), SlotPublishedEvent.class);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(name, TO_REVISION), ObjectNode.class, payload -> {
            payload.putNull("patternId");
            return payload;
        });
    }
}
