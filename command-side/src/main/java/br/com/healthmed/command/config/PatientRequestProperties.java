package br.com.healthmed.command.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What one patient may ask of the doctors' agendas, so that a few accounts cannot empty them (issue 9, item 9).
 *
 * @param maxPending requests awaiting the doctor's answer one patient may hold at once (the Patient aggregate's rule)
 * @param perWindow  appointment requests one patient may make at once; after that one more every
 *                   {@code window / perWindow}
 * @param window     the time in which {@code perWindow} requests become possible again
 */
@Validated
@ConfigurationProperties("healthmed.patient-requests")
public record PatientRequestProperties(
        @Min(1) @DefaultValue("3") int maxPending,
        @Min(1) @DefaultValue("10") int perWindow,
        @NotNull @DefaultValue("PT1H") Duration window) {
}
