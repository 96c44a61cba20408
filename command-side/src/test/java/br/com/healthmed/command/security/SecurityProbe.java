package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.api.common.AuditMetadata;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;

/**
 * Test-only endpoints behind the security chain: one that answers who the caller is, and one that sends a command
 * through the gateway and answers with the metadata the handler received. Importing this class registers its nested
 * components; being a test configuration keeps them out of every other test's component scan.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SecurityProbe {

    public record ProbeCommand(String note) {
    }

    @RestController
    static class ProbeController {

        private final CommandGateway commands;

        ProbeController(CommandGateway commands) {
            this.commands = commands;
        }

        @GetMapping("/api/probe/me")
        Map<String, String> me(@AuthenticationPrincipal Actor actor) {
            return Map.of("userId", actor.userId().toString(), "role", actor.role().name());
        }

        @PostMapping("/api/probe/commands")
        Map<String, Object> command() {
            return commands.sendAndWait(new ProbeCommand("probe"));
        }
    }

    @Component
    static class ProbeHandler {

        @CommandHandler
        Map<String, Object> handle(ProbeCommand command, MetaData metaData) {
            Map<String, Object> seen = new HashMap<>();
            for (String key : new String[]{AuditMetadata.USER_ID, AuditMetadata.ROLE, AuditMetadata.CORRELATION_ID}) {
                if (metaData.containsKey(key)) {
                    seen.put(key, metaData.get(key));
                }
            }
            return seen;
        }
    }
}
