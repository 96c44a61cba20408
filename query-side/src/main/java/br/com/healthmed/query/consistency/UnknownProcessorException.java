package br.com.healthmed.query.consistency;

import java.util.List;

/** No resettable projection has that name. */
public class UnknownProcessorException extends RuntimeException {

    UnknownProcessorException(String name, List<String> known) {
        super("no projection named '" + name + "'; known: " + String.join(", ", known), null, false, false);
    }
}
