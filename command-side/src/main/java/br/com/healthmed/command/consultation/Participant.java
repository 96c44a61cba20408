package br.com.healthmed.command.consultation;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One participant's signalling connection on this replica. Sends are serialised by the decorator: the Redis listener,
 * the heartbeat and the connection's own thread all write to it.
 */
final class Participant {

    private final AppointmentId room;
    private final Role role;
    private final UUID userId;
    private final String connectionId = UUID.randomUUID().toString();
    private final Instant closesAt;
    private final WebSocketSession session;
    private volatile Instant lastHeard;
    private Instant windowStart;
    private int messagesInWindow;

    Participant(AppointmentId room, Role role, UUID userId, Instant closesAt, WebSocketSession session, Instant now) {
        this.room = room;
        this.role = role;
        this.userId = userId;
        this.closesAt = closesAt;
        this.session = new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024);
        this.lastHeard = now;
        this.windowStart = now;
    }

    AppointmentId room() {
        return room;
    }

    Role role() {
        return role;
    }

    UUID userId() {
        return userId;
    }

    /** Random per connection: what the other side learns of this one, never the user's id. */
    String connectionId() {
        return connectionId;
    }

    Instant closesAt() {
        return closesAt;
    }

    Instant lastHeard() {
        return lastHeard;
    }

    void heard(Instant now) {
        lastHeard = now;
    }

    /** A fixed window per connection: enough for an ICE burst, too little to use the relay as a data channel. */
    synchronized boolean withinRate(Instant now, int maxMessages, Duration window) {
        if (!now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            messagesInWindow = 0;
        }
        return ++messagesInWindow <= maxMessages;
    }

    void send(String json) {
        send(new TextMessage(json));
    }

    void send(WebSocketMessage<?> message) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(message);
        } catch (IOException | RuntimeException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ignored) {
            // Already gone: the container reports the close to the handler either way.
        }
    }

    boolean isOpen() {
        return session.isOpen();
    }
}
