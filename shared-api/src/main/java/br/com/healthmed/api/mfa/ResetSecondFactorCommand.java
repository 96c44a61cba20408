package br.com.healthmed.api.mfa;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN removes another account's second factor (a lost phone), with a reason; the account enrols again. */
public record ResetSecondFactorCommand(@TargetAggregateIdentifier SecondFactorId secondFactorId, Justification reason) {
}
