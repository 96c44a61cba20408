package br.com.healthmed.command.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code healthmed.appointments.outcomes{action, outcome}}: what patients and doctors got back from the appointment
 * commands, counted by the answer's stable problem {@code code} ({@code slot-already-booked}, {@code resource-busy},
 * {@code command-outcome-unknown}, …) or {@code ok}. The code is read from the answer itself, so every path that
 * refuses a booking (validation, locks, the aggregate, security) is counted the same way a client sees it. Only these
 * four small endpoints are buffered; every other request passes untouched.
 */
@Configuration(proxyBeanMethods = false)
class BookingOutcomes {

    private static final Pattern ACTION = Pattern.compile("^/api/appointments(?:/[^/]+/(accept|reject|cancel))?$");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bookingOutcomesFilter(MeterRegistry registry, ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OutcomeFilter(registry, json));
        registration.addUrlPatterns("/api/appointments", "/api/appointments/*");
        // Outside Spring Security's chain, so refusals for a missing or wrong token are counted too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    static final class OutcomeFilter extends OncePerRequestFilter {

        private final MeterRegistry registry;
        private final ObjectMapper json;

        OutcomeFilter(MeterRegistry registry, ObjectMapper json) {
            this.registry = registry;
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !ACTION.matcher(request.getRequestURI()).matches();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Matcher matcher = ACTION.matcher(request.getRequestURI());
            String action = matcher.matches() && matcher.group(1) != null ? matcher.group(1) : "request";
            ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, buffered);
            } finally {
                String outcome = outcomeOf(buffered);
                buffered.copyBodyToResponse();
                Counter.builder("healthmed.appointments.outcomes")
                        .description("answers to appointment commands, by action and problem code")
                        .tag("action", action).tag("outcome", outcome)
                        .register(registry).increment();
            }
        }

        private String outcomeOf(ContentCachingResponseWrapper response) {
            int status = response.getStatus();
            if (status < 400) {
                return "ok";
            }
            String type = response.getContentType();
            if (type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
                try {
                    JsonNode code = json.readTree(response.getContentAsByteArray()).path("code");
                    if (code.isTextual() && code.asText().matches("[a-z0-9-]{1,64}")) {
                        return code.asText();
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // A problem we cannot read is still counted, under its status.
                }
            }
            return "http-" + status;
        }
    }
}
