package br.com.healthmed.command.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPropertiesTest {

    private final NotificationProperties properties = new NotificationProperties("from@x", "http://api", 3,
            Duration.ofSeconds(1), Duration.ofSeconds(10), 8, Duration.ofSeconds(15), Duration.ofDays(2));

    @Test
    void the_wait_doubles_after_each_failure_up_to_the_maximum() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(60)).isEqualTo(Duration.ofSeconds(10));
    }
}
