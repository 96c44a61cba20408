package br.com.healthmed.command.patient;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.patient.ConfirmPatientEmailCommand;
import br.com.healthmed.api.patient.ErasePatientDataCommand;
import br.com.healthmed.api.patient.ExpirePatientRegistrationCommand;
import br.com.healthmed.api.patient.PatientConfirmationRequestedEvent;
import br.com.healthmed.api.patient.PatientEmailConfirmedEvent;
import br.com.healthmed.api.patient.PatientRegistrationExpiredEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientTimeBlockedEvent;
import br.com.healthmed.api.patient.PatientTimeConfirmedEvent;
import br.com.healthmed.api.patient.PatientTimeReleasedEvent;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.Caller;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A patient's calendar: the patient's active appointments never overlap, the patient holds at most a configured number
 * of requests awaiting an answer, and an erased patient books nothing more. A registration confirms its e-mail before
 * its time runs out, or expires and gives its e-mail and CPF back (ADR 0033).
 */
@Aggregate(repository = "patientRepository") // cached, checked against the store: CommandBusConfig
@Revision("3") // the snapshot shape: bump it when the fields change, and older snapshots are ignored
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE)
public class Patient {

    @AggregateIdentifier
    private PatientId patientId;
    private boolean erased;
    /** When an unconfirmed registration expires; null once confirmed (and for patients from before confirmation). */
    private Instant unconfirmedUntil;
    /** The times of the patient's active appointments, by appointment id. */
    private Map<UUID, TimeRange> activeAppointments = new LinkedHashMap<>();
    /** The active appointments the doctor has not accepted yet. */
    private Set<UUID> pendingRequests = new LinkedHashSet<>();

    protected Patient() {
    }

    /** The deadline that ends an unconfirmed registration. */
    static final String CONFIRMATION_EXPIRY = "patient-confirmation-expiry";

    /** The payload of {@link #CONFIRMATION_EXPIRY}, stored as {@code healthmed.deadline.PatientConfirmationDue}. */
    public record ConfirmationDue(PatientId patientId) {
    }

    /** A registration awaiting its e-mail's confirmation until {@code unconfirmedUntil}, when its deadline falls due. */
    Patient(PatientId patientId, Sealed name, Sealed email, Sealed cpf, Sealed phone, Sealed birthDate,
            Instant unconfirmedUntil, DeadlineManager deadlines) {
        apply(new PatientRegisteredEvent(patientId, name, email, cpf, phone, birthDate));
        apply(new PatientConfirmationRequestedEvent(patientId, unconfirmedUntil));
        deadlines.schedule(unconfirmedUntil, CONFIRMATION_EXPIRY,
                new GenericMessage<>(new ConfirmationDue(patientId), bySystem()));
    }

    /** Reserves the appointment's time in the patient's calendar; called by the booking in its unit of work. */
    public void blockTime(AppointmentId appointmentId, TimeRange time) {
        if (erased) {
            throw new PatientNotFoundException();
        }
        if (activeAppointments.values().stream().anyMatch(time::overlaps)) {
            throw new PatientScheduleConflictException();
        }
        apply(new PatientTimeBlockedEvent(patientId, appointmentId, time.start(), time.end()));
    }

    /**
     * Moves a rescheduled appointment to its new time, which must not overlap the patient's other active appointments
     * (its own old time does not count). Not refused for an erased patient: the doctor may still move what exists.
     * A move that leaves the appointment accepted (the doctor's) does not make it count as pending again.
     */
    public void moveTime(AppointmentId appointmentId, TimeRange time, boolean awaitingAnswer) {
        boolean overlaps = activeAppointments.entrySet().stream()
                .anyMatch(other -> !other.getKey().equals(appointmentId.value()) && other.getValue().overlaps(time));
        if (overlaps) {
            throw new PatientScheduleConflictException();
        }
        releaseTime(appointmentId);
        apply(new PatientTimeBlockedEvent(patientId, appointmentId, time.start(), time.end()));
        if (!awaitingAnswer) {
            apply(new PatientTimeConfirmedEvent(patientId, appointmentId));
        }
    }

    /**
     * Reserves the time of a new request, unless the patient already has {@code maxPending} requests awaiting an answer.
     * A request whose time has passed no longer counts (its expiry frees it soon after). Checked here, under the
     * patient's lock and the event stream's sequence, so that concurrent requests on any replica cannot pass it together.
     */
    public void requestTime(AppointmentId appointmentId, TimeRange time, Instant now, int maxPending) {
        if (erased) {
            throw new PatientNotFoundException();
        }
        long pending = pendingRequests.stream()
                .map(activeAppointments::get)
                .filter(pendingTime -> pendingTime != null && pendingTime.end().isAfter(now))
                .count();
        if (pending >= maxPending) {
            throw new PendingRequestLimitReachedException(maxPending);
        }
        blockTime(appointmentId, time);
    }

    /** The doctor accepted: the time stays blocked, and the request stops counting as pending; idempotent. */
    public void confirmTime(AppointmentId appointmentId) {
        if (pendingRequests.contains(appointmentId.value())) {
            apply(new PatientTimeConfirmedEvent(patientId, appointmentId));
        }
    }

    /** Frees the appointment's time; releasing twice changes nothing. */
    public void releaseTime(AppointmentId appointmentId) {
        if (activeAppointments.containsKey(appointmentId.value())) {
            apply(new PatientTimeReleasedEvent(patientId, appointmentId));
        }
    }

    @CommandHandler
    void handle(ErasePatientDataCommand command,
                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                @MetaDataValue(AuditMetadata.ROLE) String role,
                PersonalDataVault vault,
                AccountRegistry accounts) {
        Caller caller = Caller.of(userId, role);
        if (!caller.is(Role.PATIENT, patientId.value()) && !caller.hasRole(Role.ADMIN)) {
            throw new PatientNotFoundException();
        }
        if (erased) {
            return;
        }
        vault.shred(patientId.value());
        accounts.remove(patientId.value());
        apply(new PatientDataErasedEvent(patientId));
    }

    /**
     * The confirmation token was spent: the account may log in. Refused once the registration expired (by the clock,
     * even if its deadline has not run yet) or was erased; confirming twice changes nothing.
     */
    @CommandHandler
    void handle(ConfirmPatientEmailCommand command, Clock clock, AccountRegistry accounts) {
        if (erased) {
            throw new ConfirmationTokenInvalidException();
        }
        if (unconfirmedUntil == null) {
            return;
        }
        if (!unconfirmedUntil.isAfter(clock.instant())) {
            throw new ConfirmationTokenExpiredException();
        }
        accounts.confirm(patientId.value());
        apply(new PatientEmailConfirmedEvent(patientId));
    }

    /** Sent by a new registration that finds this one's e-mail or CPF held past its time. */
    @CommandHandler
    void handle(ExpirePatientRegistrationCommand command, Clock clock, PersonalDataVault vault, AccountRegistry accounts) {
        expireIfDue(clock.instant(), vault, accounts);
    }

    /** The registration's time ran out; late, repeated or after a confirmation, it changes nothing. */
    @DeadlineHandler(deadlineName = CONFIRMATION_EXPIRY)
    void confirmationExpired(ConfirmationDue due, Clock clock, PersonalDataVault vault, AccountRegistry accounts) {
        expireIfDue(clock.instant(), vault, accounts);
    }

    /**
     * Forgets the login names and shreds the key, as an erasure does: what was never confirmed may belong to someone
     * who never asked to be registered.
     */
    private void expireIfDue(Instant now, PersonalDataVault vault, AccountRegistry accounts) {
        if (erased || unconfirmedUntil == null || unconfirmedUntil.isAfter(now)) {
            return;
        }
        vault.shred(patientId.value());
        accounts.remove(patientId.value());
        apply(new PatientRegistrationExpiredEvent(patientId), bySystem());
    }

    private static MetaData bySystem() {
        return MetaData.with(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER).and(AuditMetadata.ROLE, AuditMetadata.SYSTEM_ROLE);
    }

    @EventSourcingHandler
    void on(PatientConfirmationRequestedEvent event) {
        unconfirmedUntil = event.expiresAt();
    }

    @EventSourcingHandler
    void on(PatientEmailConfirmedEvent event) {
        unconfirmedUntil = null;
    }

    @EventSourcingHandler
    void on(PatientRegistrationExpiredEvent event) {
        erased = true;
        unconfirmedUntil = null;
    }

    @EventSourcingHandler
    void on(PatientRegisteredEvent event) {
        patientId = event.patientId();
    }

    @EventSourcingHandler
    void on(PatientTimeBlockedEvent event) {
        activeAppointments.put(event.appointmentId().value(), new TimeRange(event.start(), event.end()));
        pendingRequests.add(event.appointmentId().value());
    }

    @EventSourcingHandler
    void on(PatientTimeConfirmedEvent event) {
        pendingRequests.remove(event.appointmentId().value());
    }

    @EventSourcingHandler
    void on(PatientTimeReleasedEvent event) {
        activeAppointments.remove(event.appointmentId().value());
        pendingRequests.remove(event.appointmentId().value());
    }

    @EventSourcingHandler
    void on(PatientDataErasedEvent event) {
        erased = true;
    }
}
