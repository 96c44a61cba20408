package br.com.healthmed.command.web;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every invalid field of a request, so a client learns about all of them in one answer instead of one per
 * round trip. Value objects validate themselves; this only gathers their refusals.
 */
public final class FieldErrors {

    private final List<InvalidValueException> errors = new ArrayList<>();

    /** The value built by {@code factory}, or null (with the refusal recorded) when the input is invalid. */
    public <T> T take(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (InvalidValueException e) {
            errors.add(e);
            return null;
        }
    }

    /** Like {@link #take} but an absent input stays absent instead of being refused. */
    public <T> T optional(Object input, Supplier<T> factory) {
        return input == null ? null : take(factory);
    }

    public void reject(InvalidValueException error) {
        errors.add(error);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(List.copyOf(errors));
        }
    }
}
