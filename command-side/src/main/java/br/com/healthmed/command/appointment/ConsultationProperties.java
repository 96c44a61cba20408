package br.com.healthmed.command.appointment;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * When an accepted appointment's video room is open (ISO-8601 durations).
 *
 * @param opensBefore how long before the start its doctor and patient may enter
 * @param closesAfter how long after the end they may still enter (or come back after a dropped connection)
 */
@Validated
@ConfigurationProperties("healthmed.consultation.room")
public record ConsultationProperties(
        @NotNull @DefaultValue("PT10M") Duration opensBefore,
        @NotNull @DefaultValue("PT30M") Duration closesAfter) {

    public ConsultationWindow window() {
        return new ConsultationWindow(opensBefore, closesAfter);
    }
}
