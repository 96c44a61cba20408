package br.com.healthmed.command.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How commands are waited for, locked and cached (ADR 0009).
 *
 * @param timeout how long an HTTP request waits for its command; past it the answer is 503 {@code command-outcome-unknown}
 *                and the command goes on by itself
 * @param lock    the bounds of the wait for an aggregate's lock
 * @param cache   how many aggregates of each type stay in memory between commands
 */
@Validated
@ConfigurationProperties("healthmed.commands")
public record CommandProperties(
        @NotNull @DefaultValue("PT15S") Duration timeout,
        @NotNull @Valid @DefaultValue Lock lock,
        @NotNull @Valid @DefaultValue Cache cache) {

    /**
     * @param maxWait  longest wait for one aggregate's lock before answering 503 {@code resource-busy}
     * @param maxQueue how many commands may wait for one aggregate; one more is refused at once with the same answer
     */
    public record Lock(
            @NotNull @DefaultValue("PT2S") Duration maxWait,
            @Min(1) @DefaultValue("64") int maxQueue) {
    }

    /**
     * @param doctors          doctors kept
     * @param daySchedules     doctors' day schedules kept (ADR 0011)
     * @param patients         patients' calendars kept
     * @param appointments     appointments kept
     * @param expireAfterAccess how long an unused aggregate stays
     */
    public record Cache(
            @Min(0) @DefaultValue("2000") int doctors,
            @Min(0) @DefaultValue("20000") int daySchedules,
            @Min(0) @DefaultValue("20000") int patients,
            @Min(0) @DefaultValue("20000") int appointments,
            @NotNull @DefaultValue("PT30M") Duration expireAfterAccess) {
    }

    /** A lock wait as long as the request's own would turn "busy, retry" into "outcome unknown". */
    @AssertTrue(message = "healthmed.commands.lock.max-wait must be shorter than healthmed.commands.timeout")
    public boolean isLockWaitShorterThanTimeout() {
        return lock == null || timeout == null || lock.maxWait().compareTo(timeout) < 0;
    }
}
