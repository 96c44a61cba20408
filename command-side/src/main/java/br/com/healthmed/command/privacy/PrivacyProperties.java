package br.com.healthmed.command.privacy;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Secrets for personal data, from the environment only.
 *
 * @param masterKey   base64 of 32 random bytes; wraps every person's data key (KEK)
 * @param lookupKey   base64 of at least 32 random bytes; keys the HMAC of e-mails, CPFs and CRMs used for lookups
 */
@Validated
@ConfigurationProperties("healthmed.privacy")
public record PrivacyProperties(@NotBlank String masterKey, @NotBlank String lookupKey) {

    @Override
    public String toString() {
        return "PrivacyProperties[protected]";
    }
}
