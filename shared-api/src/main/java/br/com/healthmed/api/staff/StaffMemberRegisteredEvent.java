package br.com.healthmed.api.staff;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StaffMemberRegisteredEvent(StaffId staffId, Role role, Sealed name, Sealed email) {
}
