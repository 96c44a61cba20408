package br.com.healthmed.command.appointment;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountClosureConfig {

    /**
     * A cancellation that fails (a lock busy, the database away) must not be logged and skipped, as Axon's default
     * handler would: it fails the batch, and the processor goes back to it after a pause.
     */
    @Bean
    ConfigurerModule accountClosureErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(AccountClosures.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
