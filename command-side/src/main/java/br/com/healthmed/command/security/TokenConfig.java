package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.VerificationKey;
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

    /** The shared verifier checks tokens with the public half of the pair that signs them. */
    @Bean
    VerificationKey verificationKey(SigningKeys keys) {
        return new VerificationKey(keys.publicKey());
    }
}
