package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorReactivatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorRegistrationRejectedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationLapsedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The {@code booking_terms} table, written by a subscribing processor inside the doctor's command transaction (like
 * the slot directory), and read with {@code FOR SHARE} inside the booking's: a price change that commits meanwhile
 * waits for the booking, and a booking waits for a price change in flight, so a booking pays the price in force when
 * it commits, exactly as when it held the Doctor's lock. A doctor without a row (registered before V7) is never given
 * one here (every later change updates nothing), so a row is never behind its doctor's events; such a doctor's terms
 * are read from its stream ({@link EventSourcedBookingTerms}).
 */
@Component
@ProcessingGroup(JdbcBookingTerms.PROCESSING_GROUP)
class JdbcBookingTerms implements BookingTerms {

    static final String PROCESSING_GROUP = "booking-terms";

    private final JdbcClient jdbc;
    private final EventSourcedBookingTerms registeredBefore;

    JdbcBookingTerms(JdbcClient jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.registeredBefore = new EventSourcedBookingTerms(events);
    }

    @EventHandler
    void on(DoctorRegisteredEvent event) {
        jdbc.sql("""
                        INSERT INTO booking_terms (doctor_id, verified, price_amount, price_currency)
                        VALUES (?, FALSE, ?, ?) ON CONFLICT (doctor_id) DO NOTHING""")
                .params(event.doctorId().value(), event.consultationPrice().amount(), event.consultationPrice().currency())
                .update();
    }

    @EventHandler
    void on(DoctorVerifiedEvent event) {
        jdbc.sql("UPDATE booking_terms SET verified = TRUE WHERE doctor_id = ?").param(event.doctorId().value()).update();
    }

    /** Rejected, revoked or awaiting verification again: not bookable, as the Doctor itself says (its terms()). */
    @EventHandler
    void on(DoctorRegistrationRejectedEvent event) {
        unverified(event.doctorId());
    }

    @EventHandler
    void on(DoctorVerificationRevokedEvent event) {
        unverified(event.doctorId());
    }

    @EventHandler
    void on(DoctorVerificationLapsedEvent event) {
        unverified(event.doctorId());
    }

    private void unverified(DoctorId doctorId) {
        jdbc.sql("UPDATE booking_terms SET verified = FALSE WHERE doctor_id = ?").param(doctorId.value()).update();
    }

    @EventHandler
    void on(ConsultationPriceChangedEvent event) {
        jdbc.sql("UPDATE booking_terms SET price_amount = ?, price_currency = ? WHERE doctor_id = ?")
                .params(event.consultationPrice().amount(), event.consultationPrice().currency(), event.doctorId().value())
                .update();
    }

    @EventHandler
    void on(DoctorDeactivatedEvent event) {
        jdbc.sql("UPDATE booking_terms SET deactivated = TRUE WHERE doctor_id = ?").param(event.doctorId().value()).update();
    }

    @EventHandler
    void on(DoctorReactivatedEvent event) {
        jdbc.sql("UPDATE booking_terms SET deactivated = FALSE WHERE doctor_id = ?").param(event.doctorId().value()).update();
    }

    @Override
    public Optional<Terms> of(DoctorId doctorId) {
        return jdbc.sql("""
                        SELECT verified, deactivated, price_amount, price_currency FROM booking_terms
                         WHERE doctor_id = ? FOR SHARE""")
                .param(doctorId.value())
                .query((rs, row) -> new Terms(rs.getBoolean(1), rs.getBoolean(2),
                        new Money(rs.getBigDecimal(3), rs.getString(4))))
                .optional()
                .or(() -> registeredBefore.of(doctorId));
    }
}
