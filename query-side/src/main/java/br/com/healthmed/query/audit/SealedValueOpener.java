package br.com.healthmed.query.audit;

import br.com.healthmed.api.privacy.Sealed;

import java.util.Optional;

/** Opens personal data for the audit view; empty when the owner's key was shredded (erasure). */
interface SealedValueOpener {

    Optional<String> open(Sealed sealed);
}
