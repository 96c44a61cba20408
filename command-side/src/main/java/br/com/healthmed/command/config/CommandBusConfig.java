package br.com.healthmed.command.config;

import br.com.healthmed.command.shared.RejectionWrappingInterceptor;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandBusConfig {

    @Autowired
    void registerInterceptors(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionWrappingInterceptor());
    }
}
