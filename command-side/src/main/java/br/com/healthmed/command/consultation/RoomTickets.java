package br.com.healthmed.command.consultation;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Single-use, short-lived tickets into one appointment's video room, kept in Redis so that any replica redeems what
 * another issued. A ticket rather than the access token at the handshake: browsers cannot set an Authorization header
 * on a WebSocket, and a ticket in {@code Sec-WebSocket-Protocol} is worthless once redeemed or after seconds, so a copy
 * in a log or a proxy is harmless (ADR 0027).
 */
@Component
class RoomTickets {

    static final String PREFIX = "ticket.";
    private static final String KEY = "healthmed:consultation:ticket:";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;
    private final SignallingProperties properties;

    RoomTickets(StringRedisTemplate redis, SignallingProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /** Who the ticket admits, to which room. */
    record Ticket(AppointmentId appointmentId, UUID userId, Role role) {
    }

    /** The value a client passes as the subprotocol {@code ticket.<value>}. */
    String issue(Ticket ticket) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.opsForValue().set(KEY + value,
                ticket.appointmentId() + "|" + ticket.userId() + "|" + ticket.role().name(), properties.ticketLifetime());
        return value;
    }

    /** Redeemed at most once: reading deletes it. Empty for an unknown, used or expired ticket. */
    Optional<Ticket> redeem(String value) {
        if (value == null || !WELL_FORMED.matcher(value).matches()) {
            return Optional.empty();
        }
        String stored = redis.opsForValue().getAndDelete(KEY + value);
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\|");
        return Optional.of(new Ticket(new AppointmentId(UUID.fromString(parts[0])), UUID.fromString(parts[1]),
                Role.valueOf(parts[2])));
    }
}
