package br.com.healthmed.query.privacy;

import br.com.healthmed.api.privacy.MasterKeys;
import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.privacy.UnreadableDataException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Opens sealed personal fields with read-only access to {@code person_key} (ADR 0004): it never creates nor deletes a
 * key. Keys are not cached across calls, so an erasure is visible at the next read. Each row names the master key
 * that wraps it (ADR 0026); during a rotation the configuration holds the retired key and the current one.
 */
@Component
public class PersonalDataReader {

    /** What a reader shows in place of a field whose owner's key was shredded. */
    public static final String ERASED = "[dados removidos]";

    private final JdbcClient jdbc;
    private final MasterKeys masterKeys;

    public PersonalDataReader(JdbcClient jdbc, PrivacyProperties properties) {
        this.jdbc = jdbc;
        this.masterKeys = properties.keys();
    }

    /** The clear text, or empty when the subject's key is shredded, absent, or does not open the value. */
    public Optional<String> open(Sealed sealed) {
        return Optional.ofNullable(openAll(List.of(sealed.value())).get(sealed.value()));
    }

    /** Clear text of each sealed string value that could be opened, keyed by that value; nulls are ignored. */
    public Map<String, String> openAll(Collection<String> sealedValues) {
        List<Sealed> values = sealedValues.stream().filter(Objects::nonNull).filter(Sealed::isSealed).distinct()
                .map(Sealed::of).toList();
        if (values.isEmpty()) {
            return Map.of();
        }
        Map<UUID, SecretKey> keys = keysOf(values.stream().map(Sealed::subject).collect(Collectors.toSet()));
        Map<String, String> opened = new HashMap<>();
        for (Sealed value : values) {
            SecretKey key = keys.get(value.subject());
            if (key != null) {
                try {
                    opened.put(value.value(), PersonalDataCrypto.open(key, value));
                } catch (UnreadableDataException e) {
                    // Altered or sealed with a thrown-away key (text about an erased person): shown as erased.
                }
            }
        }
        return opened;
    }

    /** The clear text, or {@link #ERASED}; {@code null} stays {@code null} (the field was never set). */
    public String openOrErased(String sealedValue) {
        if (sealedValue == null) {
            return null;
        }
        return openAll(List.of(sealedValue)).getOrDefault(sealedValue, ERASED);
    }

    /**
     * A row under a master key not configured here means the key set was deployed out of order (the query side needs
     * a new key before the command side wraps with it): refused loudly, so that no view records a name as erased.
     */
    private SecretKey masterKey(String keyId) {
        return masterKeys.byId(keyId).orElseThrow(() -> new IllegalStateException("a person key is wrapped with master key "
                + keyId + ", which is not configured here (" + masterKeys + ")"));
    }

    private Map<UUID, SecretKey> keysOf(Set<UUID> subjects) {
        Map<UUID, SecretKey> keys = new HashMap<>();
        jdbc.sql("""
                        SELECT subject_id, key_id, wrapped_key FROM person_key
                         WHERE subject_id IN (:subjects) AND wrapped_key IS NOT NULL""")
                .param("subjects", subjects)
                .query((rs, row) -> {
                    UUID subject = rs.getObject(1, UUID.class);
                    SecretKey masterKey = masterKey(rs.getString(2));
                    try {
                        keys.put(subject, PersonalDataCrypto.unwrap(masterKey, subject, rs.getBytes(3)));
                    } catch (UnreadableDataException e) {
                        // Wrapped with a key of the same id but other bytes: this subject's data stays unreadable here.
                    }
                    return subject;
                })
                .list();
        return keys;
    }
}
