package br.com.healthmed.api.staff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.UUID;

/** Identifies an ADMIN or AUDITOR account. */
public record StaffId(UUID value) {

    public StaffId {
        if (value == null) {
            throw new InvalidValueException("id-required", "staffId", "staffId is required");
        }
    }

    public static StaffId random() {
        return new StaffId(UUID.randomUUID());
    }

    @JsonCreator
    public static StaffId of(String value) {
        try {
            return new StaffId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "staffId", "staffId must be a UUID");
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
