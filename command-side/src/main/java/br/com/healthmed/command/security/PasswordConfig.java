package br.com.healthmed.command.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfig {

    private static final Logger log = LoggerFactory.getLogger(PasswordConfig.class);

    /**
     * Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 iterations, parallelism 1; bounded in how
     * many run at once (ADR 0021).
     */
    @Bean
    PasswordEncoder passwordEncoder(PasswordHashingProperties properties, MeterRegistry meters) {
        int size = properties.maxConcurrent() > 0 ? properties.maxConcurrent() : BoundedPasswordEncoder.sizeFor(Runtime.getRuntime());
        int waiting = size * properties.waitingPerPermit();
        log.info("At most {} password hashes at a time; at most {} requests wait for a turn, each at most {}", size,
                waiting, properties.maxWait());
        return new BoundedPasswordEncoder(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2), size, waiting,
                properties.maxWait(), meters);
    }
}
