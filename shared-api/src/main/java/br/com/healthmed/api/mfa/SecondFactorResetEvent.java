package br.com.healthmed.api.mfa;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** An ADMIN (in the metadata) removed the second factor; the reason is sealed with the account owner's key. */
@Revision("1")
public record SecondFactorResetEvent(SecondFactorId secondFactorId, Sealed reason) {
}
