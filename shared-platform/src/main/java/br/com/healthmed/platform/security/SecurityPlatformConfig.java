package br.com.healthmed.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;

import java.time.Clock;

/**
 * Verification of access tokens and the shared pieces of the filter chain. Each application supplies a
 * {@link VerificationKey} bean (the query side from configuration, the command side from its signing pair) and a
 * {@code Clock}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtVerificationProperties.class, DenyListProperties.class})
public class SecurityPlatformConfig {

    @Bean
    AccessTokenVerifier accessTokenVerifier(VerificationKey key, JwtVerificationProperties properties, Clock clock) {
        return new AccessTokenVerifier(key.publicKey(), properties.issuer(), clock);
    }

    @Bean
    ProblemResponder problemResponder(ObjectMapper objectMapper) {
        return new ProblemResponder(objectMapper);
    }

    @Bean
    DenyListConnection denyListConnection(DenyListProperties properties, StringRedisTemplate redis,
                                          RedisConnectionFactory connections) {
        return DenyListConnection.of(properties, redis, connections);
    }

    @Bean
    RevokedAccessTokens revokedAccessTokens(DenyListConnection denyList, Clock clock) {
        return new RevokedAccessTokens(denyList.redis(), clock);
    }

    @Bean
    PlatformSecurity platformSecurity(AccessTokenVerifier verifier, RevokedAccessTokens revoked, ProblemResponder problems) {
        return new PlatformSecurity(verifier, revoked, problems);
    }

    /**
     * Nothing authenticates with a user name and password through Spring Security (logins are the command side's own
     * endpoints), and this bean keeps Spring Boot from creating its default in-memory user with a generated password.
     */
    @Bean
    AuthenticationManager noPasswordAuthentication() {
        return authentication -> {
            throw new ProviderNotFoundException("authentication happens through access tokens only");
        };
    }
}
