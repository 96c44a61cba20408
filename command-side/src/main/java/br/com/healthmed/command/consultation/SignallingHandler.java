package br.com.healthmed.command.consultation;

import br.com.healthmed.api.appointment.JoinConsultationCommand;
import br.com.healthmed.api.appointment.LeaveConsultationCommand;
import br.com.healthmed.command.appointment.RoomAdmission;
import br.com.healthmed.command.consultation.RoomRelay.Closes;
import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.shared.RejectionDetails;
import br.com.healthmed.command.web.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signalling connection of one participant of one room (ADR 0027). The handshake has redeemed a room ticket
 * ({@link TicketHandshakeInterceptor}); entering is recorded on the Appointment (which checks window, party and consent
 * again: the appointment may have been cancelled since the ticket), leaving too. Only SDP offers and answers and ICE
 * candidates are relayed, rebuilt field by field, to the other party of the same room; nothing of them is logged.
 */
@Component
class SignallingHandler extends TextWebSocketHandler implements SubProtocolCapable {

    static final String PROTOCOL = "healthmed-signal-v1";
    static final String SIGNALLING_UNAVAILABLE = "signalling-unavailable";
    private static final String PARTICIPANT = "healthmed.participant";
    private static final Set<String> SDP_TYPES = Set.of("offer", "answer");
    private static final Logger log = LoggerFactory.getLogger(SignallingHandler.class);

    private final Commands commands;
    private final RoomRelay relay;
    private final ConsultationMetrics metrics;
    private final SignallingProperties limits;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConsultationChannels channels;

    SignallingHandler(Commands commands, RoomRelay relay, ConsultationMetrics metrics, SignallingProperties limits,
                      ObjectMapper json, Clock clock, ConsultationChannels channels) {
        this.channels = channels;
        this.commands = commands;
        this.relay = relay;
        this.metrics = metrics;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(PROTOCOL);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        // The container itself refuses a larger message (close 1009) before the handler sees it.
        session.setTextMessageSizeLimit(limits.maxMessageBytes());
        session.setBinaryMessageSizeLimit(1024);
        RoomTickets.Ticket ticket = (RoomTickets.Ticket) session.getAttributes().get(TicketHandshakeInterceptor.TICKET);
        if (!channels.subscribed()) {
            // Nothing could reach the other party: the page tries again in a moment with a new ticket.
            metrics.refused(SIGNALLING_UNAVAILABLE);
            session.close(CloseStatus.SERVICE_OVERLOAD.withReason(SIGNALLING_UNAVAILABLE));
            return;
        }
        RoomAdmission admission;
        try {
            admission = commands.sendAs(new JoinConsultationCommand(ticket.appointmentId()), ticket.userId(), ticket.role());
        } catch (RuntimeException failure) {
            Optional<RejectionDetails> rejection = CommandFailures.detailsOf(failure, null);
            String code = rejection.map(RejectionDetails::code).orElse("service-unavailable");
            metrics.refused(code);
            session.close(rejection.isPresent()
                    ? Closes.refused(code, rejection.get().kind() == DomainRejection.Kind.NOT_FOUND)
                    : CloseStatus.SERVICE_OVERLOAD);
            return;
        }
        Participant participant = new Participant(ticket.appointmentId(), admission.role(), ticket.userId(),
                admission.closesAt(), session, clock.instant());
        session.getAttributes().put(PARTICIPANT, participant);
        metrics.joined();
        participant.send(json.createObjectNode().put("type", "welcome").put("role", admission.role().name())
                .put("connection", participant.connectionId()).put("closesAt", admission.closesAt().toString())
                .toString());
        relay.enter(participant);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Participant participant = participantOf(session);
        if (participant == null) {
            return;
        }
        participant.heard(clock.instant());
        if (!participant.withinRate(clock.instant(), limits.maxMessages(), limits.rateWindow())) {
            metrics.closed(Closes.RATE.getReason());
            participant.close(Closes.RATE);
            return;
        }
        Optional<ObjectNode> checked = checked(message.getPayload());
        if (checked.isEmpty()) {
            metrics.closed(Closes.BAD_MESSAGE.getReason());
            participant.close(Closes.BAD_MESSAGE);
            return;
        }
        if ("ping".equals(checked.get().path("type").asText())) {
            participant.send("{\"type\":\"pong\"}");
            return;
        }
        relay.signal(participant, checked.get());
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Participant participant = participantOf(session);
        if (participant != null) {
            participant.heard(clock.instant());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Participant participant = participantOf(session);
        if (participant == null) {
            return;
        }
        relay.leave(participant);
        try {
            commands.sendAs(new LeaveConsultationCommand(participant.room()), participant.userId(), participant.role());
        } catch (RuntimeException failure) {
            // The connection is gone either way; only the record of the moment it left is missing.
            log.warn("could not record a participant leaving consultation {}: {}", participant.room(),
                    failure.getClass().getSimpleName());
        }
    }

    private static Participant participantOf(WebSocketSession session) {
        return (Participant) session.getAttributes().get(PARTICIPANT);
    }

    /**
     * The message rebuilt from the fields a signal may have, or empty when it is not one: {@code offer}/{@code answer}
     * with an {@code sdp} string, {@code candidate} with a candidate object (or null at the end of candidates), or
     * {@code ping}. Anything else the client added is dropped, so the relay carries signalling and nothing more.
     */
    Optional<ObjectNode> checked(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return Optional.empty();
        }
        String type = node.path("type").asText();
        ObjectNode clean = json.createObjectNode().put("type", type);
        if (SDP_TYPES.contains(type) && node.path("sdp").isTextual()) {
            return Optional.of(clean.put("sdp", node.path("sdp").asText()));
        }
        if ("candidate".equals(type)) {
            JsonNode candidate = node.path("candidate");
            if (candidate.isNull()) {
                clean.putNull("candidate");
                return Optional.of(clean);
            }
            if (candidate.isObject() && candidate.path("candidate").isTextual()) {
                ObjectNode c = clean.putObject("candidate").put("candidate", candidate.path("candidate").asText());
                if (candidate.path("sdpMid").isTextual()) {
                    c.put("sdpMid", candidate.path("sdpMid").asText());
                }
                if (candidate.path("sdpMLineIndex").isInt()) {
                    c.put("sdpMLineIndex", candidate.path("sdpMLineIndex").asInt());
                }
                if (candidate.path("usernameFragment").isTextual()) {
                    c.put("usernameFragment", candidate.path("usernameFragment").asText());
                }
                return Optional.of(clean);
            }
            return Optional.empty();
        }
        return "ping".equals(type) ? Optional.of(clean) : Optional.empty();
    }
}
