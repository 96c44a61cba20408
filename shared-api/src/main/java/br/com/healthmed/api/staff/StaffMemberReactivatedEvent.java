package br.com.healthmed.api.staff;

import org.axonframework.serialization.Revision;

@Revision("1")
public record StaffMemberReactivatedEvent(StaffId staffId) {
}
