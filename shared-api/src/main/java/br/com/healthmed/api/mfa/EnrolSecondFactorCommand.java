package br.com.healthmed.api.mfa;

import br.com.healthmed.api.common.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The account proved, with a first valid code, that its authenticator holds the pending TOTP secret; {@code role} is
 * the account's, read from its credential, so that the second factor knows whether it may later be switched off.
 */
public record EnrolSecondFactorCommand(@TargetAggregateIdentifier SecondFactorId secondFactorId, Role role) {
}
