package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An ADMIN turns down a registration awaiting verification (a CRM that is not the registrant's, say), with a reason:
 * the account and its CRM claim are removed, so the real holder of the CRM can register.
 */
public record RejectDoctorRegistrationCommand(@TargetAggregateIdentifier DoctorId doctorId, Justification reason) {
}
