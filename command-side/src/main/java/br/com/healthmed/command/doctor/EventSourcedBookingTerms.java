package br.com.healthmed.command.doctor;

import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorReactivatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorRegistrationRejectedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationLapsedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;

/**
 * A doctor's terms read from its own stream (its latest snapshot and the events after it), without its lock. For
 * doctors registered before the {@code booking_terms} table existed, and for tests on an in-memory store.
 * <p>
 * Without the lock a price change may commit between this read and the booking's commit; the booking is then one
 * made just before the change (it read nothing the change wrote, and the change reads nothing the booking writes), so
 * it still pays a price that was in force while it was being made.
 */
public class EventSourcedBookingTerms implements BookingTerms {

    private final EventStore events;

    public EventSourcedBookingTerms(EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<Terms> of(DoctorId doctorId) {
        DomainEventStream stream = events.readEvents(doctorId.toString());
        Terms terms = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof Doctor snapshot) {
                terms = snapshot.terms();
            } else if (payload instanceof DoctorRegisteredEvent registered) {
                terms = new Terms(false, false, registered.consultationPrice());
            } else if (payload instanceof DoctorVerifiedEvent && terms != null) {
                terms = new Terms(true, terms.deactivated(), terms.price());
            } else if ((payload instanceof DoctorVerificationRevokedEvent || payload instanceof DoctorVerificationLapsedEvent
                    || payload instanceof DoctorRegistrationRejectedEvent) && terms != null) {
                terms = new Terms(false, terms.deactivated(), terms.price());
            } else if (payload instanceof ConsultationPriceChangedEvent changed && terms != null) {
                terms = new Terms(terms.verified(), terms.deactivated(), changed.consultationPrice());
            } else if (payload instanceof DoctorDeactivatedEvent && terms != null) {
                terms = new Terms(terms.verified(), true, terms.price());
            } else if (payload instanceof DoctorReactivatedEvent && terms != null) {
                terms = new Terms(terms.verified(), false, terms.price());
            }
        }
        return Optional.ofNullable(terms);
    }
}
