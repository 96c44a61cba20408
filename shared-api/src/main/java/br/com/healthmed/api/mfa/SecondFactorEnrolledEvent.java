package br.com.healthmed.api.mfa;

import br.com.healthmed.api.common.Role;
import org.axonframework.serialization.Revision;

/** The fact only: the secret and the recovery codes are credentials and stay out of the event store (ADR 0024). */
@Revision("1")
public record SecondFactorEnrolledEvent(SecondFactorId secondFactorId, Role role) {
}
