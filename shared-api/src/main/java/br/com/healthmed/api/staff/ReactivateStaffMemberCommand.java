package br.com.healthmed.api.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN gives a deactivated staff account its access back. */
public record ReactivateStaffMemberCommand(@TargetAggregateIdentifier StaffId staffId) {
}
