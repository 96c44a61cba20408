package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A staff account: a staff member is an ADMIN or an AUDITOR, nothing else. */
@Aggregate(lockFactory = "aggregateLockFactory")
class StaffMember {

    @AggregateIdentifier
    private StaffId staffId;
    private Role role;

    StaffMember() {
    }

    StaffMember(StaffId staffId, Role role, Sealed name, Sealed email) {
        requireStaffRole(role);
        apply(new StaffMemberRegisteredEvent(staffId, role, name, email));
    }

    static void requireStaffRole(Role role) {
        if (role != Role.ADMIN && role != Role.AUDITOR) {
            throw new StaffRoleInvalidException();
        }
    }

    @EventSourcingHandler
    void on(StaffMemberRegisteredEvent event) {
        staffId = event.staffId();
        role = event.role();
    }
}
