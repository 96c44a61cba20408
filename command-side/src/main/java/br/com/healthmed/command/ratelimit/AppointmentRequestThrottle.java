package br.com.healthmed.command.ratelimit;

import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.command.config.PatientRequestProperties;
import org.springframework.stereotype.Component;

/** Appointment requests per patient, whether or not they succeed, so a script cannot churn through the agendas. */
@Component
public class AppointmentRequestThrottle {

    static final String SCOPE = "appointment-request:patient";

    private final RateLimits limits;
    private final PatientRequestProperties properties;

    AppointmentRequestThrottle(RateLimits limits, PatientRequestProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    public void take(PatientId patientId) {
        limits.tryTake(SCOPE, patientId.toString(), RateLimits.Limit.of(properties.perWindow(), properties.window()))
                .ifPresent(wait -> {
                    throw new TooManyAppointmentRequestsException(wait);
                });
    }
}
