package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.platform.security.ActorAuthentication;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditMetadataInterceptorTest {

    private final AuditMetadataInterceptor interceptor = new AuditMetadataInterceptor();
    private final Actor patient = new Actor(UUID.randomUUID(), Role.PATIENT);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        MDC.clear();
    }

    @Test
    void a_command_sent_during_a_request_carries_the_caller_and_the_request_correlation_id() {
        SecurityContextHolder.getContext().setAuthentication(new ActorAuthentication(patient));
        MDC.put(CorrelationId.MDC_KEY, "req-42");

        MetaData metaData = intercept(MetaData.emptyInstance());

        assertThat(metaData).containsEntry(AuditMetadata.USER_ID, patient.userId().toString())
                .containsEntry(AuditMetadata.ROLE, "PATIENT")
                .containsEntry(AuditMetadata.CORRELATION_ID, "req-42");
    }

    @Test
    void metadata_already_on_the_command_is_kept() {
        SecurityContextHolder.getContext().setAuthentication(new ActorAuthentication(patient));
        MDC.put(CorrelationId.MDC_KEY, "req-42");

        MetaData metaData = intercept(MetaData.from(Map.of(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER,
                AuditMetadata.CORRELATION_ID, "seed-1")));

        assertThat(metaData).containsEntry(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                .doesNotContainKey(AuditMetadata.ROLE)
                .containsEntry(AuditMetadata.CORRELATION_ID, "seed-1");
    }

    @Test
    void without_a_caller_or_a_request_only_a_fresh_correlation_id_is_added() {
        MetaData metaData = intercept(MetaData.emptyInstance());

        assertThat(metaData).doesNotContainKeys(AuditMetadata.USER_ID, AuditMetadata.ROLE);
        assertThat((String) metaData.get(AuditMetadata.CORRELATION_ID)).matches("[0-9a-f-]{36}");
    }

    private MetaData intercept(MetaData metaData) {
        CommandMessage<?> command = new GenericCommandMessage<>("payload", metaData);
        return interceptor.handle(command).getMetaData();
    }
}
