package br.com.healthmed.api.common;

/** Small guards for value objects, so each refusal carries a stable code and the field it is about. */
public final class Require {

    private Require() {
    }

    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field + "-required", field, field + " is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field + "-too-long", field, field + " must have at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field + "-required", field, field + " is required");
        }
        return value;
    }
}
