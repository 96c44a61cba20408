package br.com.healthmed.command.staff;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.staff.DeactivateStaffMemberCommand;
import br.com.healthmed.api.staff.ReactivateStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.api.staff.StaffMemberDeactivatedEvent;
import br.com.healthmed.api.staff.StaffMemberReactivatedEvent;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.Caller;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A staff account: a staff member is an ADMIN or an AUDITOR, nothing else. Nobody deactivates themself, and the last
 * active ADMIN stays active.
 */
@Aggregate(lockFactory = "aggregateLockFactory")
class StaffMember {

    @AggregateIdentifier
    private StaffId staffId;
    private Role role;
    private boolean deactivated;

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

    /**
     * The account row is marked in this command's transaction; for an ADMIN, after locking the active ADMINs' rows, so
     * two ADMINs deactivating each other at once cannot leave none. Deactivating twice changes nothing.
     */
    @CommandHandler
    void handle(DeactivateStaffMemberCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String callerRole,
                PersonalDataVault vault, AccountRegistry accounts, Clock clock) {
        Justification reason = Justification.of(command.reason() == null ? null : command.reason().text(), "reason");
        if (staffId.value().equals(Caller.of(userId, callerRole).userId())) {
            throw new StaffSelfDeactivationException();
        }
        if (deactivated) {
            return;
        }
        if (role == Role.ADMIN) {
            accounts.requireAnotherActiveAdmin(staffId.value());
        }
        accounts.deactivate(staffId.value(), clock.instant());
        apply(new StaffMemberDeactivatedEvent(staffId, vault.seal(staffId.value(), reason.text())));
    }

    @CommandHandler
    void handle(ReactivateStaffMemberCommand command, AccountRegistry accounts) {
        if (deactivated) {
            accounts.reactivate(staffId.value());
            apply(new StaffMemberReactivatedEvent(staffId));
        }
    }

    @EventSourcingHandler
    void on(StaffMemberRegisteredEvent event) {
        staffId = event.staffId();
        role = event.role();
    }

    @EventSourcingHandler
    void on(StaffMemberDeactivatedEvent event) {
        deactivated = true;
    }

    @EventSourcingHandler
    void on(StaffMemberReactivatedEvent event) {
        deactivated = false;
    }
}
