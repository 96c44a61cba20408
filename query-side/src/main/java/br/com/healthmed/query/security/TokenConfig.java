package br.com.healthmed.query.security;

import br.com.healthmed.platform.security.JwtVerificationProperties;
import br.com.healthmed.platform.security.VerificationKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side verifies with the command side's public key, read from configuration; it never holds the private one. */
@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    VerificationKey verificationKey(JwtVerificationProperties properties) {
        return VerificationKey.from(properties);
    }
}
