package br.com.healthmed.command.privacy;

import br.com.healthmed.api.privacy.MasterKeys;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Secrets for personal data, from the environment only.
 *
 * @param masterKey          base64 of 32 random bytes; wraps every person's data key (KEK). Alone, it is key {@code k1}
 * @param masterKeys         instead of {@code masterKey}, during a rotation: {@code k1:<base64>,k2:<base64>} (ADR 0026)
 * @param currentKeyId       with {@code masterKeys}: the id that wraps new person keys and that the rotation moves to
 * @param lookupKey          base64 of at least 32 random bytes; keys the HMAC of e-mails, CPFs and CRMs used for lookups
 * @param rotationBatchSize  person keys re-wrapped per transaction by the rotation job
 */
@Validated
@ConfigurationProperties("healthmed.privacy")
public record PrivacyProperties(String masterKey, String masterKeys, String currentKeyId, @NotBlank String lookupKey,
                                @DefaultValue("500") @Min(1) int rotationBatchSize) {

    /** Checked when the vault is built, so a wrong key set stops the start-up. */
    public MasterKeys keys() {
        return MasterKeys.of(masterKey, masterKeys, currentKeyId);
    }

    @Override
    public String toString() {
        return "PrivacyProperties[protected]";
    }
}
