package br.com.healthmed.command.consultation;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Relays a room's signalling between its two participants through Redis pub/sub, one channel per room (ADR 0027): the
 * doctor and the patient may be connected to different replicas, and every replica delivers what reaches a room's
 * channel to its own connections of that room only, and only to the other party. Even two participants on one replica
 * go through Redis, so there is one path to test and the order of a room's messages is Redis's.
 */
@Component
class RoomRelay implements MessageListener, DisposableBean {

    static final String CHANNEL_PREFIX = "healthmed:consultation:room:";
    static final String CHANNEL_PATTERN = CHANNEL_PREFIX + "*";
    private static final Logger log = LoggerFactory.getLogger(RoomRelay.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Map<AppointmentId, Map<Role, Participant>> rooms = new ConcurrentHashMap<>();
    /**
     * One thread delivers what arrives from Redis, in the order it arrives: an offer must reach the page before the
     * candidates that follow it (the listener container's default starts a thread per message, in no order).
     */
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("signalling-delivery").daemon().factory());

    RoomRelay(StringRedisTemplate redis, ObjectMapper json, ConsultationMetrics metrics) {
        this.redis = redis;
        this.json = json;
        metrics.roomsOpen(rooms::size);
    }

    /** What travels on a room's channel: who sent it (role and connection) and, for signals, the checked message. */
    record Envelope(String kind, UUID room, Role role, String connection, JsonNode payload) {
    }

    /** A second connection of the same party (a reconnection) replaces the first, here or on another replica. */
    void enter(Participant participant) {
        Participant replaced = rooms.computeIfAbsent(participant.room(), id -> new ConcurrentHashMap<>())
                .put(participant.role(), participant);
        if (replaced != null && replaced != participant) {
            replaced.close(Closes.REPLACED);
        }
        publish(participant, "joined", null);
    }

    void leave(Participant participant) {
        rooms.computeIfPresent(participant.room(), (id, room) -> {
            room.remove(participant.role(), participant);
            return room.isEmpty() ? null : room;
        });
        publish(participant, "left", null);
    }

    void signal(Participant from, ObjectNode message) {
        publish(from, "signal", message);
    }

    /** The doctor ended the consultation: every connection of the room, on every replica, is closed. */
    void end(AppointmentId room) {
        send(room, new Envelope("ended", room.value(), null, null, null));
    }

    TaskExecutor deliveryExecutor() {
        return new TaskExecutorAdapter(delivery);
    }

    @Override
    public void destroy() {
        delivery.shutdownNow();
    }

    Collection<Participant> participantsHere() {
        return rooms.values().stream().flatMap(room -> room.values().stream()).toList();
    }

    private void publish(Participant from, String kind, JsonNode payload) {
        send(from.room(), new Envelope(kind, from.room().value(), from.role(), from.connectionId(), payload));
    }

    private void send(AppointmentId room, Envelope envelope) {
        try {
            redis.convertAndSend(CHANNEL_PREFIX + room, json.writeValueAsString(envelope));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a signalling envelope is always serialisable", e);
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Envelope envelope;
        try {
            envelope = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8), Envelope.class);
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("ignored a malformed message on a consultation channel");
            return;
        }
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        if (envelope.room() == null || !channel.equals(CHANNEL_PREFIX + envelope.room())) {
            return;
        }
        Map<Role, Participant> room = rooms.get(new AppointmentId(envelope.room()));
        if (room == null) {
            return;
        }
        for (Participant here : List.copyOf(room.values())) {
            deliver(envelope, here);
        }
    }

    private void deliver(Envelope envelope, Participant here) {
        if ("ended".equals(envelope.kind())) {
            here.send("{\"type\":\"consultation-ended\"}");
            here.close(Closes.ENDED);
            return;
        }
        boolean sameParty = here.role() == envelope.role();
        if (sameParty) {
            if ("joined".equals(envelope.kind()) && !here.connectionId().equals(envelope.connection())) {
                here.close(Closes.REPLACED);
            }
            return;
        }
        switch (envelope.kind()) {
            case "joined" -> {
                here.send(peer("peer-joined", envelope));
                // Tell the newcomer who is already here; it may be on another replica and cannot see this one.
                publish(here, "present", null);
            }
            case "present" -> here.send(peer("peer-joined", envelope));
            case "left" -> here.send(peer("peer-left", envelope));
            case "signal" -> {
                if (envelope.payload() instanceof ObjectNode signal) {
                    // Which connection of the other party sent it: a page drops signals of a connection it has left.
                    here.send(signal.deepCopy().put("peer", envelope.connection()).toString());
                }
            }
            default -> log.debug("ignored a consultation message of kind {}", envelope.kind());
        }
    }

    private String peer(String type, Envelope envelope) {
        ObjectNode node = json.createObjectNode().put("type", type).put("role", envelope.role().name())
                .put("peer", envelope.connection());
        return node.toString();
    }

    /** The close codes and reasons a participant's page sees; the reason is a stable code, as in problem answers. */
    static final class Closes {
        static final CloseStatus REPLACED = new CloseStatus(4001, "replaced-by-new-connection");
        static final CloseStatus BAD_MESSAGE = new CloseStatus(4400, "message-invalid");
        static final CloseStatus HEARTBEAT = new CloseStatus(4408, "heartbeat-timeout");
        static final CloseStatus ROOM_CLOSED = new CloseStatus(4410, "consultation-room-closed");
        static final CloseStatus ENDED = new CloseStatus(4410, "consultation-ended");
        static final CloseStatus RATE = new CloseStatus(4429, "too-many-messages");

        private Closes() {
        }

        /** A refusal of the join command: 4404 for not found, 4409 for the room's state, reason its code. */
        static CloseStatus refused(String code, boolean notFound) {
            return new CloseStatus(notFound ? 4404 : 4409, code);
        }
    }
}
