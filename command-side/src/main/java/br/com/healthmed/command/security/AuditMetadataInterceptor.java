package br.com.healthmed.command.security;

import br.com.healthmed.api.common.AuditMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command with who sent it, the request's correlation id and its trace id, taken from the security context and the
 * MDC rather than from the request body, so a client cannot forge them. Values already on the message win, so code
 * that acts without a logged-in caller (seeding and bootstrap as {@link AuditMetadata#SYSTEM_USER}, a self-registration
 * naming the new account) sets them explicitly; commands sent while handling an event inherit them from it.
 */
public class AuditMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            MetaData metaData = command.getMetaData();
            Map<String, Object> additions = new HashMap<>();
            // userId and role travel as a pair: mixing a caller's role with another's id would falsify the audit trail.
            if (!metaData.containsKey(AuditMetadata.USER_ID) && !metaData.containsKey(AuditMetadata.ROLE)) {
                CurrentActor.find().ifPresent(actor -> {
                    additions.put(AuditMetadata.USER_ID, actor.userId().toString());
                    additions.put(AuditMetadata.ROLE, actor.role().name());
                });
            }
            if (!metaData.containsKey(AuditMetadata.CORRELATION_ID)) {
                additions.put(AuditMetadata.CORRELATION_ID, CorrelationId.current().orElseGet(CorrelationId::generate));
            }
            String traceId = MDC.get(AuditMetadata.TRACE_ID);
            if (!metaData.containsKey(AuditMetadata.TRACE_ID) && traceId != null) {
                additions.put(AuditMetadata.TRACE_ID, traceId);
            }
            return additions.isEmpty() ? command : command.andMetaData(additions);
        };
    }
}
