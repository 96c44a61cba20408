package br.com.healthmed.query.support;

import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.Sealed;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.SecretKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Plays the command side's vault in tests: one data key per person, wrapped with the test master key in person_key. */
public final class PersonKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SecretKey masterKey;
    private final Map<UUID, SecretKey> keys = new HashMap<>();

    public PersonKeys(JdbcClient jdbc, String masterKeyBase64) {
        this.jdbc = jdbc;
        this.masterKey = PersonalDataCrypto.key(Base64.getDecoder().decode(masterKeyBase64));
    }

    public static String randomMasterKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public synchronized Sealed seal(UUID subject, String plaintext) {
        SecretKey key = keys.computeIfAbsent(subject, s -> {
            SecretKey created = PersonalDataCrypto.newKey();
            jdbc.sql("INSERT INTO person_key (subject_id, wrapped_key) VALUES (?, ?)")
                    .params(s, PersonalDataCrypto.wrap(masterKey, s, created))
                    .update();
            return created;
        });
        return PersonalDataCrypto.seal(key, subject, plaintext);
    }

    /** What the command side does on erasure: the wrapped key goes, a tombstone stays. */
    public synchronized void shred(UUID subject) {
        jdbc.sql("UPDATE person_key SET wrapped_key = NULL, shredded_at = now() WHERE subject_id = ?").param(subject).update();
    }
}
