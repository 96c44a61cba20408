package br.com.healthmed.command.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Demo data for {@code ./run.sh} (env {@code HEALTHMED_DEMO_SEED}); off unless asked for, never in production.
 *
 * @param seed           whether to seed the demo catalogue once, through the real commands, when the application is ready
 * @param scheduleDays   how many days ahead, from tomorrow, each demo doctor's weekly pattern publishes slots
 * @param commandTimeout how long to wait for each seeding command
 */
@Validated
@ConfigurationProperties("healthmed.demo")
public record DemoProperties(
        @DefaultValue("false") boolean seed,
        @DefaultValue("14") @Min(1) @Max(180) int scheduleDays,
        @DefaultValue("PT30S") Duration commandTimeout) {
}
