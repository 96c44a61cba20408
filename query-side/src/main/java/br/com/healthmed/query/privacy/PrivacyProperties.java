package br.com.healthmed.query.privacy;

import br.com.healthmed.api.privacy.MasterKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command side's privacy master keys: they unwrap the per-person data keys that open sealed personal fields. The
 * query side only reads, so it needs every key some row may still name (ADR 0026).
 *
 * @param masterKey    base64 of the 32-byte master key (env HEALTHMED_PRIVACY_MASTER_KEY); alone, it is key {@code k1}
 * @param masterKeys   instead, during a rotation: {@code k1:<base64>,k2:<base64>} (env HEALTHMED_PRIVACY_MASTER_KEYS)
 * @param currentKeyId with {@code masterKeys}: the command side's current key id (env HEALTHMED_PRIVACY_CURRENT_KEY_ID)
 */
@ConfigurationProperties("healthmed.privacy")
public record PrivacyProperties(String masterKey, String masterKeys, String currentKeyId) {

    /** Checked when the reader is built, so a wrong key set stops the start-up. */
    public MasterKeys keys() {
        return MasterKeys.of(masterKey, masterKeys, currentKeyId);
    }

    @Override
    public String toString() {
        return "PrivacyProperties[protected]";
    }
}
