package br.com.healthmed.command.consultation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * {@code healthmed.consultation.rooms.open}: rooms with at least one participant connected to this replica (sum over
 * replicas, a room split over two counts twice); {@code healthmed.consultation.joins{outcome}}: entries admitted
 * ({@code ok}) or refused, by the refusal's stable code, at the ticket request or the handshake.
 */
@Component
class ConsultationMetrics {

    private final MeterRegistry registry;

    ConsultationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void roomsOpen(Supplier<Number> rooms) {
        Gauge.builder("healthmed.consultation.rooms.open", rooms).description("video rooms with a participant on this replica")
                .register(registry);
    }

    void joined() {
        count("ok");
    }

    void refused(String code) {
        count(code);
    }

    void closed(String reason) {
        Counter.builder("healthmed.consultation.connections.closed").tag("reason", reason)
                .description("signalling connections the server closed, by reason").register(registry).increment();
    }

    private void count(String outcome) {
        Counter.builder("healthmed.consultation.joins").tag("outcome", outcome)
                .description("entries into video rooms, admitted (ok) or refused by code").register(registry).increment();
    }
}
