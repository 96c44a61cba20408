package br.com.healthmed.command.security;

import br.com.healthmed.command.privacy.PrivacyProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/** Signed commands (ADR 0025): the signing dispatch interceptor and the check every handler sits behind. */
@Configuration(proxyBeanMethods = false)
public class CommandSigningConfig {

    private static final Logger log = LoggerFactory.getLogger(CommandSigningConfig.class);

    @Bean
    CommandSignatures commandSignatures(PrivacyProperties privacy, ObjectMapper objectMapper) {
        return new CommandSignatures(Base64.getDecoder().decode(privacy.lookupKey()), objectMapper);
    }

    /** Signs each command after its metadata is stamped; see {@link RequestCorrelationConfig} for the order. */
    static MessageDispatchInterceptor<CommandMessage<?>> signing(CommandSignatures signatures) {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> signatures.sign(command);
            }
        };
    }

    /**
     * Refuses, before any lock, transaction or handler, a command that no command side signed: one put on the bus by
     * another client of Axon Server, or changed on the way.
     */
    public static MessageHandlerInterceptor<CommandMessage<?>> signedOnly(CommandSignatures signatures) {
        return (unitOfWork, chain) -> {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (!signatures.isSigned(command)) {
                log.warn("Refused command {} ({}): not signed by a command side", command.getCommandName(),
                        command.getIdentifier());
                throw new UnsignedCommandException(command.getCommandName());
            }
            return chain.proceed();
        };
    }
}
