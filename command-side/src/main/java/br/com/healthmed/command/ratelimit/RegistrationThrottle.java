package br.com.healthmed.command.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Registrations per client address. Taken after the request is well formed and before anything is looked up or
 * hashed, so neither account creation at machine speed nor probing which e-mail, CPF or CRM is registered goes
 * faster than the limit (issue 9, items 3 and 7).
 */
@Component
public class RegistrationThrottle {

    static final String SCOPE = "registration:address";

    private final RateLimits limits;
    private final RegistrationThrottleProperties properties;

    RegistrationThrottle(RateLimits limits, RegistrationThrottleProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    public void take(HttpServletRequest request) {
        limits.tryTake(SCOPE, ClientAddress.of(request), properties.limit()).ifPresent(wait -> {
            throw new TooManyRegistrationsException(wait);
        });
    }
}
