package br.com.healthmed.command.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    SigningKeys signingKeys(JwtProperties properties) {
        return SigningKeys.from(properties);
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, JwtProperties properties, Clock clock) {
        return new AccessTokenIssuer(keys.privateKey(), properties.issuer(), properties.accessTokenLifetime(), clock);
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(SigningKeys keys, JwtProperties properties, Clock clock) {
        return new AccessTokenVerifier(keys.publicKey(), properties.issuer(), clock);
    }
}
