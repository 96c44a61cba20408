package br.com.healthmed.query.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Axon Server is used exactly when {@code axon.axonserver.servers} is set; otherwise the JDBC event store on the
 * application's PostgreSQL takes over. This keeps the switch in configuration: no profile to remember, no code path.
 */
class AxonServerSwitch implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("axon.axonserver.enabled")) {
            return;
        }
        String servers = environment.getProperty("axon.axonserver.servers", "");
        environment.getPropertySources().addLast(new MapPropertySource("axonServerSwitch",
                Map.of("axon.axonserver.enabled", Boolean.toString(!servers.isBlank()))));
    }
}
