package br.com.healthmed.command.support;

import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.privacy.UnreadableDataException;
import br.com.healthmed.command.privacy.PersonalDataVault;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The vault with its keys in memory and the real cipher, so that sealing, opening and shredding behave truly. */
public class InMemoryPersonalDataVault implements PersonalDataVault {

    private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();

    @Override
    public Sealed seal(UUID subject, String plaintext) {
        return PersonalDataCrypto.seal(keys.computeIfAbsent(subject, s -> PersonalDataCrypto.newKey()), subject, plaintext);
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        SecretKey key = keys.get(sealed.subject());
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PersonalDataCrypto.open(key, sealed));
        } catch (UnreadableDataException e) {
            return Optional.empty();
        }
    }

    @Override
    public void shred(UUID subject) {
        keys.remove(subject);
    }

    public boolean hasKeyFor(UUID subject) {
        return keys.containsKey(subject);
    }

    /** Opens a value that the test expects to be readable. */
    public String text(Sealed sealed) {
        return open(sealed).orElseThrow(() -> new AssertionError("sealed value cannot be opened"));
    }
}
