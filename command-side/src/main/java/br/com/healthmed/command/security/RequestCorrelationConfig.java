package br.com.healthmed.command.security;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestCorrelationConfig {

    /** Ahead of the security filters, so that 401 and 403 answers carry the correlation id too. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * On the bus rather than the gateway, so commands sent straight to the bus are stamped too. Not a bean on purpose:
     * Axon would also register a dispatch-interceptor bean on the gateway and run it twice. The signature comes last,
     * over the stamped metadata (ADR 0025). With Axon Server this is the bus that sends to Axon Server, not the local
     * segment that receives from it, so a command arriving from elsewhere is never signed here.
     */
    @Autowired
    void registerAuditMetadata(CommandBus commandBus, CommandSignatures signatures) {
        commandBus.registerDispatchInterceptor(new AuditMetadataInterceptor());
        commandBus.registerDispatchInterceptor(CommandSigningConfig.signing(signatures));
    }
}
