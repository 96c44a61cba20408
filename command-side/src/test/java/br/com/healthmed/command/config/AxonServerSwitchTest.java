package br.com.healthmed.command.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class AxonServerSwitchTest {

    private final AxonServerSwitch axonServerSwitch = new AxonServerSwitch();

    @Test
    void axon_server_is_off_when_no_servers_are_configured() {
        MockEnvironment environment = new MockEnvironment().withProperty("axon.axonserver.servers", "");
        axonServerSwitch.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
    }

    @Test
    void axon_server_is_on_when_servers_are_configured() {
        MockEnvironment environment = new MockEnvironment().withProperty("axon.axonserver.servers", "axonserver-0:8124,axonserver-1:8124");
        axonServerSwitch.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("true");
    }

    @Test
    void an_explicit_setting_wins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("axon.axonserver.servers", "axonserver:8124")
                .withProperty("axon.axonserver.enabled", "false");
        axonServerSwitch.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
    }
}
