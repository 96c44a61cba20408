package br.com.healthmed.api.mfa;

import org.axonframework.serialization.Revision;

/** The owner switched the second factor off. */
@Revision("1")
public record SecondFactorDisabledEvent(SecondFactorId secondFactorId) {
}
