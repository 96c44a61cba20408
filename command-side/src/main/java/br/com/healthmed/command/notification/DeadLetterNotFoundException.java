package br.com.healthmed.command.notification;

import br.com.healthmed.command.shared.DomainRejection;

/** No notification waits in the dead-letter queue under this event id. */
public final class DeadLetterNotFoundException extends DomainRejection {

    public DeadLetterNotFoundException() {
        super("dead-letter-not-found", Kind.NOT_FOUND, "no undelivered notification has this id");
    }
}
