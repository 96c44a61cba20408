package br.com.healthmed.command.privacy;

import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.privacy.UnreadableDataException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Data keys in the {@code person_key} table, each wrapped with the master key from configuration (envelope encryption). */
@Component
class JdbcPersonalDataVault implements PersonalDataVault {

    private final JdbcClient jdbc;
    private final SecretKey masterKey;

    JdbcPersonalDataVault(JdbcClient jdbc, PrivacyProperties properties) {
        this.jdbc = jdbc;
        this.masterKey = PersonalDataCrypto.key(Base64.getDecoder().decode(properties.masterKey()));
    }

    @Override
    public Sealed seal(UUID subject, String plaintext) {
        return PersonalDataCrypto.seal(keyOf(subject).orElseGet(() -> createKey(subject)), subject, plaintext);
    }

    private record StoredKey(byte[] wrapped) {
        boolean shredded() {
            return wrapped == null;
        }
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        try {
            return keyOf(sealed.subject()).map(key -> PersonalDataCrypto.open(key, sealed));
        } catch (UnreadableDataException e) {
            return Optional.empty();
        }
    }

    @Override
    public void shred(UUID subject) {
        jdbc.sql("""
                        INSERT INTO person_key (subject_id, wrapped_key, shredded_at) VALUES (?, NULL, now())
                        ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, shredded_at = now()""")
                .param(subject)
                .update();
    }

    private Optional<SecretKey> keyOf(UUID subject) {
        return stored(subject)
                .filter(key -> !key.shredded())
                .map(key -> PersonalDataCrypto.unwrap(masterKey, subject, key.wrapped()));
    }

    private Optional<StoredKey> stored(UUID subject) {
        return jdbc.sql("SELECT wrapped_key FROM person_key WHERE subject_id = ?")
                .param(subject)
                .query((rs, row) -> new StoredKey(rs.getBytes(1)))
                .optional();
    }

    private SecretKey createKey(UUID subject) {
        if (stored(subject).map(StoredKey::shredded).orElse(false)) {
            // Text about an erased person is sealed with a key that is thrown away at once: unreadable from birth.
            return PersonalDataCrypto.newKey();
        }
        SecretKey key = PersonalDataCrypto.newKey();
        jdbc.sql("INSERT INTO person_key (subject_id, wrapped_key) VALUES (?, ?) ON CONFLICT (subject_id) DO NOTHING")
                .params(subject, PersonalDataCrypto.wrap(masterKey, subject, key))
                .update();
        // Another transaction may have won the insert: always use the stored key.
        return keyOf(subject).orElseThrow();
    }
}
