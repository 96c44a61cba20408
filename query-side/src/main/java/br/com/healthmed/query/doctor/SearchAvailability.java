package br.com.healthmed.query.doctor;

import br.com.healthmed.query.agenda.BookingNotice;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.Instant;

/**
 * Which free slot the search may call a doctor's "next": one that a request would still be accepted for until the
 * value is next recomputed. The stored value is recomputed on every slot event and by {@link AvailabilityRefresher}
 * every {@code availabilityRefresh}, so it looks that much further ahead than the booking notice alone; otherwise a
 * search could name a slot that has slipped inside the notice since the last refresh and is then refused with
 * {@code booking-notice-too-short}.
 *
 * @param availabilityRefresh how often the refresher recomputes the next free slots that time has made unbookable
 */
@Validated
@ConfigurationProperties("healthmed.doctors")
public record SearchAvailability(@NotNull @DefaultValue("PT1M") Duration availabilityRefresh) {

    public SearchAvailability {
        if (availabilityRefresh != null && (availabilityRefresh.isNegative() || availabilityRefresh.isZero())) {
            throw new IllegalArgumentException("healthmed.doctors.availability-refresh must be positive");
        }
    }

    /** The earliest start that may be shown as the next free slot at {@code now}. */
    Instant earliestShownStart(BookingNotice notice, Instant now) {
        return notice.earliestBookableStart(now).plus(availabilityRefresh);
    }
}
