package br.com.healthmed.api.mfa;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account's owner switches their second factor off; refused where it is mandatory. */
public record DisableSecondFactorCommand(@TargetAggregateIdentifier SecondFactorId secondFactorId) {
}
