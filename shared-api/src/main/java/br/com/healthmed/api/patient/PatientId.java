package br.com.healthmed.api.patient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.UUID;

/** Identifies a patient; also the subject whose key seals their personal data. */
public record PatientId(UUID value) {

    public PatientId {
        if (value == null) {
            throw new InvalidValueException("id-required", "patientId", "patientId is required");
        }
    }

    public static PatientId random() {
        return new PatientId(UUID.randomUUID());
    }

    @JsonCreator
    public static PatientId of(String value) {
        try {
            return new PatientId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "patientId", "patientId must be a UUID");
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
