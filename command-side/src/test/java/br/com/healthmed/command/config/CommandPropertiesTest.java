package br.com.healthmed.command.config;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CommandPropertiesTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void a_lock_wait_shorter_than_the_command_timeout_is_accepted() {
        assertThat(VALIDATOR.validate(properties(Duration.ofSeconds(15), Duration.ofSeconds(2)))).isEmpty();
    }

    @Test
    void a_lock_wait_as_long_as_the_command_timeout_is_refused_at_start_up() {
        assertThat(VALIDATOR.validate(properties(Duration.ofSeconds(2), Duration.ofSeconds(2))))
                .extracting(violation -> violation.getMessage())
                .containsExactly("healthmed.commands.lock.max-wait must be shorter than healthmed.commands.timeout");
    }

    private static CommandProperties properties(Duration timeout, Duration lockWait) {
        return new CommandProperties(timeout, new CommandProperties.Lock(lockWait, 64),
                new CommandProperties.Cache(10, 10, 10, 10, Duration.ofMinutes(5)));
    }
}
