package br.com.healthmed.command.web;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.config.CommandProperties;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The controllers' one way onto the command bus: bounded waits, an explicit actor where no one is logged in yet, and
 * the consistency token that lets a client read its own writes on the query side.
 */
@Component
public class Commands {

    /** The event-stream position after the command's events; the query side waits until it has caught up to it. */
    public static final String CONSISTENCY_TOKEN_HEADER = "X-Consistency-Token";

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final Duration timeout;

    Commands(CommandGateway gateway, EventStore eventStore, CommandProperties properties) {
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.timeout = properties.timeout();
    }

    /** Sends on behalf of the authenticated caller (the dispatch interceptor adds who it is). */
    public <R> R send(Object command) {
        R result = sendAndWait(command);
        announceConsistencyToken();
        return result;
    }

    /** Sends on behalf of someone who is not logged in yet, e.g. a person registering themselves. */
    public <R> R sendAs(Object command, UUID userId, Role role) {
        MetaData actor = MetaData.with(AuditMetadata.USER_ID, userId.toString()).and(AuditMetadata.ROLE, role.name());
        R result = sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
        announceConsistencyToken();
        return result;
    }

    /**
     * Like {@link #sendAs}, but the answer says nothing about it: no consistency token, so that an answer that must look
     * the same whether or not a command was sent (a patient registration, ADR 0033) cannot be told apart by a header.
     */
    public <R> R sendUnannounced(Object command, UUID userId, Role role) {
        MetaData actor = MetaData.with(AuditMetadata.USER_ID, userId.toString()).and(AuditMetadata.ROLE, role.name());
        return sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
    }

    /** On behalf of the system (no caller): a rule that time or another request triggers, announcing nothing. */
    public <R> R sendAsSystem(Object command) {
        MetaData system = MetaData.with(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                .and(AuditMetadata.ROLE, AuditMetadata.SYSTEM_ROLE);
        return sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(system));
    }

    /**
     * The gateway reports a wait that ran out as a CommandExecutionException caused by a TimeoutException; it is told
     * apart here because, unlike a rejection, it says nothing about whether the command will still commit.
     */
    private <R> R sendAndWait(Object command) {
        try {
            return gateway.sendAndWait(command, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new CommandOutcomeUnknownException(timeout, e);
            }
            throw e;
        }
    }

    /**
     * The command has committed, so the head of the stream is at or past its events (a little past when others wrote
     * meanwhile: the reader then waits a little longer, never too little). Same meaning with Axon Server.
     */
    private void announceConsistencyToken() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            TrackingToken head = eventStore.createHeadToken();
            if (head != null) {
                // JDBC gives a gap-aware token, Axon Server a global sequence one: both expose the global position.
                head.position().ifPresent(position ->
                        attributes.getResponse().setHeader(CONSISTENCY_TOKEN_HEADER, Long.toString(position)));
            }
        }
    }
}
