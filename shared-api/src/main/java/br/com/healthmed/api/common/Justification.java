package br.com.healthmed.api.common;

/**
 * Free text that explains a rejection or cancellation: 10 to 500 characters after trimming. It may reveal health
 * information, so it is sealed before it reaches an event.
 */
public record Justification(String text) {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 500;

    public Justification {
        text = text == null ? "" : text.strip();
    }

    /** Validates the text of the named field ({@code justification} or {@code reason}), with codes named after it. */
    public static Justification of(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field + "-required", field, field + " is required");
        }
        String trimmed = text.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new InvalidValueException(field + "-too-short", field, field + " must have at least " + MIN_LENGTH + " characters");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidValueException(field + "-too-long", field, field + " must have at most " + MAX_LENGTH + " characters");
        }
        return new Justification(trimmed);
    }

    @Override
    public String toString() {
        return "Justification[protected]";
    }
}
