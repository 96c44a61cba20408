package br.com.healthmed.command.web;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The controllers' one way onto the command bus: bounded waits, and an explicit actor where no one is logged in yet. */
@Component
public class Commands {

    private static final long TIMEOUT_SECONDS = 15;

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends on behalf of the authenticated caller (the dispatch interceptor adds who it is). */
    public <R> R send(Object command) {
        return gateway.sendAndWait(command, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends on behalf of someone who is not logged in yet, e.g. a person registering themselves. */
    public <R> R sendAs(Object command, UUID userId, Role role) {
        MetaData actor = MetaData.with(AuditMetadata.USER_ID, userId.toString()).and(AuditMetadata.ROLE, role.name());
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor),
                TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
