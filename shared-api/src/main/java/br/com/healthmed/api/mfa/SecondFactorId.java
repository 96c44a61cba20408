package br.com.healthmed.api.mfa;

import br.com.healthmed.api.common.InvalidValueException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/**
 * The second factor (TOTP) of one account: derived from the account id, so it needs no lookup, and stored under
 * {@code mfa-<accountId>} so that its stream never mixes with the account's patient, doctor or staff stream.
 */
public record SecondFactorId(UUID accountId) {

    private static final String PREFIX = "mfa-";

    public SecondFactorId {
        if (accountId == null) {
            throw new InvalidValueException("id-required", "accountId", "accountId is required");
        }
    }

    public static SecondFactorId random() {
        return new SecondFactorId(UUID.randomUUID());
    }

    @JsonCreator
    public static SecondFactorId of(String value) {
        try {
            return new SecondFactorId(UUID.fromString(value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id-invalid", "accountId", "accountId must be a UUID");
        }
    }

    @JsonValue
    @Override
    public UUID accountId() {
        return accountId;
    }

    /** Axon routes and stores aggregates by this string. */
    @Override
    public String toString() {
        return PREFIX + accountId;
    }
}
