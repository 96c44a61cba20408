package br.com.healthmed.command.appointment;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifecycle's timing comes from configuration as ISO-8601 durations (issue 10, item 1), checked at start-up. */
class LifecyclePropertiesTest {

    private static LifecycleProperties bound(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("healthmed.lifecycle", LifecycleProperties.class);
    }

    @Test
    void without_settings_a_request_waits_24_hours_no_shows_48_patients_cancel_until_2_hours_before_and_are_reminded_twice() {
        LifecycleProperties defaults = bound(Map.of());

        assertThat(defaults.requestExpiry()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.noShowWindow()).isEqualTo(Duration.ofHours(48));
        assertThat(defaults.patientCancellationCutoff()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.reminders()).containsExactly(Duration.ofHours(24), Duration.ofHours(2));
    }

    @Test
    void iso_8601_durations_set_each_rule() {
        LifecycleProperties set = bound(Map.of(
                "healthmed.lifecycle.request-expiry", "PT10S",
                "healthmed.lifecycle.no-show-window", "P1D",
                "healthmed.lifecycle.patient-cancellation-cutoff", "PT0S",
                "healthmed.lifecycle.reminders", "PT3H"));

        assertThat(set.requestExpiry()).isEqualTo(Duration.ofSeconds(10));
        assertThat(set.noShowWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(set.patientCancellationCutoff()).isZero();
        assertThat(set.reminders()).containsExactly(Duration.ofHours(3));
    }

    @Test
    void a_zero_or_negative_wait_or_window_and_a_negative_cutoff_refuse_to_start() {
        assertThatThrownBy(() -> bound(Map.of("healthmed.lifecycle.request-expiry", "PT0S")))
                .hasRootCauseMessage("healthmed.lifecycle.request-expiry must be a positive duration");
        assertThatThrownBy(() -> bound(Map.of("healthmed.lifecycle.no-show-window", "-PT1H")))
                .hasRootCauseMessage("healthmed.lifecycle.no-show-window must be a positive duration");
        assertThatThrownBy(() -> bound(Map.of("healthmed.lifecycle.patient-cancellation-cutoff", "-PT1M")))
                .hasRootCauseMessage("healthmed.lifecycle.patient-cancellation-cutoff must not be negative");
        assertThatThrownBy(() -> bound(Map.of("healthmed.lifecycle.reminders", "PT2H,PT0S")))
                .hasRootCauseMessage("healthmed.lifecycle.reminders must be a positive duration");
    }

    @Test
    void a_request_expires_after_the_wait_or_when_the_minimum_notice_before_its_start_begins_whichever_is_first() {
        LifecycleProperties lifecycle = new LifecycleProperties(Duration.ofHours(24), Duration.ofHours(48),
                Duration.ofHours(2), List.of(Duration.ofHours(2)));
        Instant requested = Instant.parse("2030-01-07T12:00:00Z");

        assertThat(lifecycle.expiryOf(requested, requested.plus(Duration.ofDays(3)), Duration.ofHours(2)))
                .isEqualTo(requested.plus(Duration.ofHours(24)));
        assertThat(lifecycle.expiryOf(requested, requested.plus(Duration.ofHours(10)), Duration.ofHours(2)))
                .isEqualTo(requested.plus(Duration.ofHours(8)));
    }
}
