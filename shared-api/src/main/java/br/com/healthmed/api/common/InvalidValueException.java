package br.com.healthmed.api.common;

/**
 * A value object refused its input. {@code code} is stable and reaches API clients; {@code field} names the input.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String code;
    private final String field;

    public InvalidValueException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
