package br.com.healthmed.query.doctor;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Keeps "next free slot" bookable as time passes, between the events that move it. */
@Component
class AvailabilityRefresher {

    private final DoctorProjection projection;
    private final Clock clock;

    AvailabilityRefresher(DoctorProjection projection, Clock clock) {
        this.projection = projection;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${healthmed.doctors.availability-refresh:PT1M}")
    void refresh() {
        projection.refreshUnbookableAvailability(clock.instant());
    }
}
