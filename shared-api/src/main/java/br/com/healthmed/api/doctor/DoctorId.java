package br.com.healthmed.api.doctor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.UUID;

/** Identifies a doctor and their schedule aggregate. */
public record DoctorId(UUID value) {

    public DoctorId {
        if (value == null) {
            throw new InvalidValueException("id-required", "doctorId", "doctorId is required");
        }
    }

    public static DoctorId random() {
        return new DoctorId(UUID.randomUUID());
    }

    @JsonCreator
    public static DoctorId of(String value) {
        try {
            return new DoctorId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "doctorId", "doctorId must be a UUID");
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
