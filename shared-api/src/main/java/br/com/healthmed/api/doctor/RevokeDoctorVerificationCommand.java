package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An ADMIN withdraws a verification granted by mistake (a squatted CRM found out later), with a reason: the account
 * and its CRM claim are removed, the doctor leaves search, and every appointment not yet started is cancelled.
 */
public record RevokeDoctorVerificationCommand(@TargetAggregateIdentifier DoctorId doctorId, Justification reason) {
}
