package br.com.healthmed.api.staff;

import br.com.healthmed.api.privacy.Sealed;
import org.axonframework.serialization.Revision;

/** The reason is sealed with the staff member's key: it is about them. */
@Revision("1")
public record StaffMemberDeactivatedEvent(StaffId staffId, Sealed reason) {
}
