package br.com.healthmed.platform.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What both applications need to verify access tokens. The signing key is not here: the command side binds it
 * separately (its {@code JwtProperties}), and the query side never has it.
 *
 * @param publicKey    X.509 PEM of the command side's Ed25519 verification key (env HEALTHMED_JWT_PUBLIC_KEY)
 * @param keyDirectory used when no PEM text is set: the command side's key folder, of which only {@code jwt-public.pem}
 *                     is read (env HEALTHMED_JWT_KEY_DIRECTORY)
 * @param issuer       the {@code iss} claim every token must carry
 */
@Validated
@ConfigurationProperties("healthmed.security.jwt")
public record JwtVerificationProperties(String publicKey, String keyDirectory,
                                        @NotBlank @DefaultValue("healthmed") String issuer) {

    static final String PUBLIC_KEY_FILE = "jwt-public.pem";
}
