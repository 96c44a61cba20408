package br.com.healthmed.command.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where the Ed25519 key pair that signs access tokens comes from, and what the tokens say.
 *
 * @param privateKey          PKCS#8 PEM of the signing key (env HEALTHMED_JWT_PRIVATE_KEY)
 * @param publicKey           X.509 PEM of the verification key (env HEALTHMED_JWT_PUBLIC_KEY)
 * @param keyDirectory        used when no PEM text is set: a folder holding {@code jwt-private.pem} and
 *                            {@code jwt-public.pem}, generated there on first start (env HEALTHMED_JWT_KEY_DIRECTORY)
 * @param issuer              the {@code iss} claim, checked by every verifier
 * @param accessTokenLifetime how long an access token is valid; at most 15 minutes, so a stolen one dies soon
 */
@Validated
@ConfigurationProperties("healthmed.security.jwt")
public record JwtProperties(
        String privateKey,
        String publicKey,
        String keyDirectory,
        @NotBlank @DefaultValue("healthmed") String issuer,
        @NotNull @DefaultValue("PT15M") Duration accessTokenLifetime) {

    public static final Duration MAX_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    public JwtProperties {
        if (accessTokenLifetime != null
                && (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()
                    || accessTokenLifetime.compareTo(MAX_ACCESS_TOKEN_LIFETIME) > 0)) {
            throw new IllegalArgumentException("healthmed.security.jwt.access-token-lifetime must be positive and at most "
                    + MAX_ACCESS_TOKEN_LIFETIME + ", was " + accessTokenLifetime);
        }
    }

    boolean hasPemKeys() {
        return hasText(privateKey) || hasText(publicKey);
    }

    boolean hasKeyDirectory() {
        return hasText(keyDirectory);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "JwtProperties[issuer=" + issuer + ", accessTokenLifetime=" + accessTokenLifetime
                + ", keyDirectory=" + keyDirectory + ", privateKey=protected]";
    }
}
