package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.InvalidValueException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** Identifies one published weekly pattern, so that the slots it generated can be traced back to it. */
public record PatternId(UUID value) {

    public PatternId {
        if (value == null) {
            throw new InvalidValueException("id-required", "patternId", "patternId is required");
        }
    }

    public static PatternId random() {
        return new PatternId(UUID.randomUUID());
    }

    @JsonCreator
    public static PatternId of(String value) {
        try {
            return new PatternId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "patternId", "patternId must be a UUID");
        }
    }

    @JsonValue
    @Override
    public UUID value() {
        return value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
