package br.com.healthmed.query.web;

/** Nothing the caller may see exists here: unknown, or someone else's (which must look the same). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
