package br.com.healthmed.command.patient;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The confirmation of a patient's e-mail (ADR 0033).
 *
 * @param validity how long a registration waits for its confirmation (ISO-8601, e.g. PT24H); unconfirmed by then it
 *                 expires and releases its e-mail and CPF. A confirmation mail asked for again is valid until the same
 *                 moment.
 */
@Validated
@ConfigurationProperties("healthmed.patients.confirmation")
public record PatientConfirmationProperties(@NotNull @DefaultValue("PT24H") Duration validity) {
}
