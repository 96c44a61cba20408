package br.com.healthmed.command.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookingPropertiesTest {

    private static BookingProperties withLongestSlot(Duration longest) {
        return new BookingProperties(Duration.ofHours(2), Duration.ofMinutes(10), longest, Duration.ofDays(180));
    }

    @Test
    void a_slot_may_last_up_to_a_day_so_that_it_touches_at_most_two_utc_days() {
        assertThat(withLongestSlot(Duration.ofHours(24)).maxSlotLength()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void a_longest_slot_over_a_day_refuses_to_start() {
        assertThatThrownBy(() -> withLongestSlot(Duration.ofHours(24).plusMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("healthmed.booking.max-slot-length");
    }
}
