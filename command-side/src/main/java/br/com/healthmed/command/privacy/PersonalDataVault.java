package br.com.healthmed.command.privacy;

import br.com.healthmed.api.privacy.Sealed;

import java.util.Optional;
import java.util.UUID;

/**
 * Seals personal data with its subject's own key before it enters an event, and shreds that key on erasure.
 * Keys never enter the event store.
 */
public interface PersonalDataVault {

    /** Seals with the subject's key, creating that key on first use. */
    Sealed seal(UUID subject, String plaintext);

    /** The plain value, or empty when the subject's key has been shredded. */
    Optional<String> open(Sealed sealed);

    /** Deletes the subject's key: every value sealed for them, in every event and replay, becomes unreadable. */
    void shred(UUID subject);
}
