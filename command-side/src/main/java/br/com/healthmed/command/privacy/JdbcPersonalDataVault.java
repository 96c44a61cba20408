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
        jdbc.sql("DELETE FROM person_key WHERE subject_id = ?").param(subject).update();
    }

    private Optional<SecretKey> keyOf(UUID subject) {
        return jdbc.sql("SELECT wrapped_key FROM person_key WHERE subject_id = ?")
                .param(subject)
                .query(byte[].class)
                .optional()
                .map(wrapped -> PersonalDataCrypto.unwrap(masterKey, subject, wrapped));
    }

    private SecretKey createKey(UUID subject) {
        SecretKey key = PersonalDataCrypto.newKey();
        jdbc.sql("INSERT INTO person_key (subject_id, wrapped_key) VALUES (?, ?) ON CONFLICT (subject_id) DO NOTHING")
                .params(subject, PersonalDataCrypto.wrap(masterKey, subject, key))
                .update();
        // Another transaction may have won the insert: always use the stored key.
        return keyOf(subject).orElseThrow();
    }
}
