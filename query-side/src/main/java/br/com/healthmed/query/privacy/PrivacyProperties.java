package br.com.healthmed.query.privacy;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param masterKey base64 of the command side's 32-byte master key (env HEALTHMED_PRIVACY_MASTER_KEY); it unwraps the
 *                  per-person data keys that open sealed personal fields
 */
@Validated
@ConfigurationProperties("healthmed.privacy")
public record PrivacyProperties(@NotBlank String masterKey) {

    @Override
    public String toString() {
        return "PrivacyProperties[protected]";
    }
}
