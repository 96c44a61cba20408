package br.com.healthmed.command.web;

import br.com.healthmed.api.common.InvalidValueException;

import java.util.List;

/** One or more fields of a request were refused; answered as 400 listing each field with its code. */
public class InvalidRequestException extends RuntimeException {

    private final List<InvalidValueException> errors;

    public InvalidRequestException(List<InvalidValueException> errors) {
        super(errors.size() == 1 ? errors.getFirst().getMessage() : "the request has " + errors.size() + " invalid fields",
                null, false, false);
        this.errors = errors;
    }

    public List<InvalidValueException> errors() {
        return errors;
    }
}
