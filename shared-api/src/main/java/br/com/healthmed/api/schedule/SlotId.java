package br.com.healthmed.api.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import br.com.healthmed.api.common.InvalidValueException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Identifies one slot inside a doctor's schedule. */
public record SlotId(UUID value) {

    public SlotId {
        if (value == null) {
            throw new InvalidValueException("id-required", "slotId", "slotId is required");
        }
    }

    public static SlotId random() {
        return new SlotId(UUID.randomUUID());
    }

    /** The {@code index}-th slot id of a publication identified by {@code seed}: the same pair, the same id. */
    public static SlotId derived(UUID seed, int index) {
        return new SlotId(UUID.nameUUIDFromBytes(("healthmed:slot:" + seed + ":" + index).getBytes(StandardCharsets.UTF_8)));
    }

    @JsonCreator
    public static SlotId of(String value) {
        try {
            return new SlotId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "slotId", "slotId must be a UUID");
        }
    }

    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    /** Axon routes and stores aggregates by this string. */
    @Override
    public String toString() {
        return value.toString();
    }
}
