package br.com.healthmed.api.privacy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/**
 * Personal data encrypted with its subject's key: {@code sealed:v1:<subjectId>:<base64url(iv | ciphertext | tag)>}.
 * The subject travels with the value so that any reader holding key access (a projection, the audit view) can open
 * it without knowing the event's shape; once the subject's key is shredded, nobody can.
 */
public record Sealed(String value) {

    static final String PREFIX = "sealed:v1:";

    public Sealed {
        if (value == null || !value.startsWith(PREFIX) || value.length() < PREFIX.length() + 38) {
            throw new IllegalArgumentException("not a sealed value");
        }
    }

    @JsonCreator
    public static Sealed of(String value) {
        return new Sealed(value);
    }

    static Sealed of(UUID subject, String payload) {
        return new Sealed(PREFIX + subject + ":" + payload);
    }

    public UUID subject() {
        return UUID.fromString(value.substring(PREFIX.length(), PREFIX.length() + 36));
    }

    String payload() {
        return value.substring(PREFIX.length() + 37);
    }

    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
