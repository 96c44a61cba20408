package br.com.healthmed.command.account;

import br.com.healthmed.command.privacy.PrivacyProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of a normalised login name under the lookup key from configuration. Unlike a plain hash, a leaked table
 * cannot be reversed by hashing every possible CPF (there are only 10^9 of them) without also stealing the key.
 */
@Component
class LookupDigest {

    private final SecretKeySpec key;

    LookupDigest(PrivacyProperties properties) {
        byte[] raw = Base64.getDecoder().decode(properties.lookupKey());
        if (raw.length < 32) {
            throw new IllegalStateException("healthmed.privacy.lookup-key must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    String of(LoginIdentifier identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(identifier.kind().name().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(identifier.normalizedValue().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
