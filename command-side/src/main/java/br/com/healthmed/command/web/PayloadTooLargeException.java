package br.com.healthmed.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes.", null, false, false);
    }
}
