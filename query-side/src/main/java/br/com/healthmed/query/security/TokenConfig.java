package br.com.healthmed.query.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    AccessTokenVerifier accessTokenVerifier(JwtProperties properties, Clock clock) {
        return new AccessTokenVerifier(VerificationKey.from(properties), properties.issuer(), clock);
    }
}
