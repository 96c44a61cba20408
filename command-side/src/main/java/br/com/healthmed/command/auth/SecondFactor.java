package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.mfa.DisableSecondFactorCommand;
import br.com.healthmed.api.mfa.EnrolSecondFactorCommand;
import br.com.healthmed.api.mfa.ResetSecondFactorCommand;
import br.com.healthmed.api.mfa.SecondFactorDisabledEvent;
import br.com.healthmed.api.mfa.SecondFactorEnrolledEvent;
import br.com.healthmed.api.mfa.SecondFactorId;
import br.com.healthmed.api.mfa.SecondFactorResetEvent;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.Caller;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account's second factor: enrolled at most once at a time; switched off by its owner only where no rule makes it
 * mandatory, and by an ADMIN's reset for anyone but that ADMIN. The credential row (secret, recovery codes) changes in
 * the same transaction as the event.
 */
@Aggregate(lockFactory = "aggregateLockFactory")
class SecondFactor {

    @AggregateIdentifier
    private SecondFactorId secondFactorId;
    private Role role;
    private boolean enrolled;

    SecondFactor() {
    }

    /** The enrolment's first valid code was checked by the caller against the pending secret this confirms. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EnrolSecondFactorCommand command, SecondFactorStore store, Clock clock) {
        if (enrolled) {
            throw new MfaAlreadyEnrolledException();
        }
        if (!store.confirm(command.secondFactorId().accountId(), clock.instant())) {
            throw new MfaNotEnrolledException();
        }
        apply(new SecondFactorEnrolledEvent(command.secondFactorId(), command.role()));
    }

    @CommandHandler
    void handle(DisableSecondFactorCommand command, MfaProperties mfa, SecondFactorStore store) {
        if (!enrolled) {
            throw new MfaNotEnrolledException();
        }
        if (mfa.requiredFor(role)) {
            throw new MfaMandatoryException();
        }
        store.remove(secondFactorId.accountId());
        apply(new SecondFactorDisabledEvent(secondFactorId));
    }

    @CommandHandler
    void handle(ResetSecondFactorCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String callerRole,
                PersonalDataVault vault, SecondFactorStore store) {
        Justification reason = Justification.of(command.reason() == null ? null : command.reason().text(), "reason");
        if (secondFactorId.accountId().equals(Caller.of(userId, callerRole).userId())) {
            throw new MfaSelfResetException();
        }
        if (!enrolled) {
            throw new MfaNotEnrolledException();
        }
        store.remove(secondFactorId.accountId());
        apply(new SecondFactorResetEvent(secondFactorId, vault.seal(secondFactorId.accountId(), reason.text())));
    }

    @EventSourcingHandler
    void on(SecondFactorEnrolledEvent event) {
        secondFactorId = event.secondFactorId();
        role = event.role();
        enrolled = true;
    }

    @EventSourcingHandler
    void on(SecondFactorDisabledEvent event) {
        enrolled = false;
    }

    @EventSourcingHandler
    void on(SecondFactorResetEvent event) {
        enrolled = false;
    }
}
