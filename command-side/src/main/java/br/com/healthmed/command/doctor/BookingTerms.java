package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.DoctorId;

import java.util.Optional;

/**
 * What a booking needs from its doctor, read without loading or locking the Doctor aggregate (ADR 0018), so that
 * bookings of one doctor on different days do not queue behind each other.
 */
public interface BookingTerms {

    /**
     * The doctor's terms as of the latest committed change; empty when there is no such doctor. Called inside the
     * booking's transaction: a booking is made at the price in force when it commits (see the implementations).
     */
    Optional<Terms> of(DoctorId doctorId);

    record Terms(boolean verified, boolean deactivated, Money price) {

        /** The price a booking made now pays; only a verified, active doctor can be booked. */
        public Money bookingPrice() {
            if (deactivated) {
                throw new DoctorDeactivatedException();
            }
            if (!verified) {
                throw new DoctorNotVerifiedException();
            }
            return price;
        }
    }
}
