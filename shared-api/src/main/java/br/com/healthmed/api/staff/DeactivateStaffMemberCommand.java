package br.com.healthmed.api.staff;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN ends another staff account's access, with a reason; never their own, never the last active ADMIN. */
public record DeactivateStaffMemberCommand(@TargetAggregateIdentifier StaffId staffId, Justification reason) {
}
