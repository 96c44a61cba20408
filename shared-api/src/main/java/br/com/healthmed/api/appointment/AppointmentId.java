package br.com.healthmed.api.appointment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.UUID;

/** Identifies an appointment aggregate. */
public record AppointmentId(UUID value) {

    public AppointmentId {
        if (value == null) {
            throw new InvalidValueException("id-required", "appointmentId", "appointmentId is required");
        }
    }

    public static AppointmentId random() {
        return new AppointmentId(UUID.randomUUID());
    }

    @JsonCreator
    public static AppointmentId of(String value) {
        try {
            return new AppointmentId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "appointmentId", "appointmentId must be a UUID");
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
