package br.com.healthmed.command.privacy;

import br.com.healthmed.api.privacy.MasterKeys;
import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.privacy.UnreadableDataException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.util.Optional;
import java.util.UUID;

/**
 * Data keys in the {@code person_key} table, each wrapped with a master key from configuration (envelope encryption).
 * A row names the master key that wraps it ({@code key_id}, ADR 0026): new keys are wrapped with the current one, and
 * a row is opened with the one it names, so reads go on while a rotation re-wraps rows ({@link MasterKeyRotation}).
 */
@Component
class JdbcPersonalDataVault implements PersonalDataVault {

    private final JdbcClient jdbc;
    private final MasterKeys masterKeys;

    JdbcPersonalDataVault(JdbcClient jdbc, PrivacyProperties properties) {
        this.jdbc = jdbc;
        this.masterKeys = properties.keys();
    }

    @Override
    public Sealed seal(UUID subject, String plaintext) {
        return PersonalDataCrypto.seal(keyOf(subject).orElseGet(() -> createKey(subject)), subject, plaintext);
    }

    private record StoredKey(String keyId, byte[] wrapped) {
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
                        INSERT INTO person_key (subject_id, wrapped_key, shredded_at, key_id) VALUES (?, NULL, now(), ?)
                        ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, shredded_at = now()""")
                .params(subject, masterKeys.currentId())
                .update();
    }

    private Optional<SecretKey> keyOf(UUID subject) {
        return stored(subject)
                .filter(key -> !key.shredded())
                .map(key -> PersonalDataCrypto.unwrap(masterKey(key.keyId()), subject, key.wrapped()));
    }

    /**
     * A row under a master key this replica does not know is a configuration mistake (a key retired before the
     * rotation finished): refused loudly, never answered with a fresh key that would hide the person's data.
     */
    private SecretKey masterKey(String keyId) {
        return masterKeys.byId(keyId).orElseThrow(() -> new IllegalStateException("a person key is wrapped with master key "
                + keyId + ", which is not configured (" + masterKeys + "); keep it until the rotation has moved every row"));
    }

    private Optional<StoredKey> stored(UUID subject) {
        return jdbc.sql("SELECT key_id, wrapped_key FROM person_key WHERE subject_id = ?")
                .param(subject)
                .query((rs, row) -> new StoredKey(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    private SecretKey createKey(UUID subject) {
        if (stored(subject).map(StoredKey::shredded).orElse(false)) {
            // Text about an erased person is sealed with a key that is thrown away at once: unreadable from birth.
            return PersonalDataCrypto.newKey();
        }
        SecretKey key = PersonalDataCrypto.newKey();
        jdbc.sql("""
                        INSERT INTO person_key (subject_id, wrapped_key, key_id) VALUES (?, ?, ?)
                        ON CONFLICT (subject_id) DO NOTHING""")
                .params(subject, PersonalDataCrypto.wrap(masterKeys.current(), subject, key), masterKeys.currentId())
                .update();
        // Another transaction may have won the insert: always use the stored key.
        return keyOf(subject).orElseThrow();
    }
}
