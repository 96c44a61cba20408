package br.com.healthmed.api.schedule;

import java.util.List;

/** The result of publishing: the ids of the new slots, in chronological order. */
public record SlotsPublished(List<SlotId> slotIds) {

    public SlotsPublished {
        slotIds = List.copyOf(slotIds);
    }
}
