package br.com.healthmed.query.audit;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.privacy.Sealed;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.DomainEventMessage;
import br.com.healthmed.query.privacy.PersonalDataReader;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An appointment's history read straight from the event store, not from a projection: what auditors see is exactly
 * what happened, in order, with who did it. Only streams of Appointment aggregates are served: the event store holds
 * patients', doctors' and staff members' registrations under the same kind of id. Only the sealed fields an auditor
 * needs to judge a refusal or a cancellation are opened ({@link #OPENED_FIELDS}); any other sealed value is shown as
 * {@link #WITHHELD}, and shredded ones as null.
 */
@Component
class AppointmentHistory {

    /** The aggregate type the command side stores appointments under (its aggregate class's simple name). */
    static final String AGGREGATE_TYPE = "Appointment";
    static final Set<String> OPENED_FIELDS = Set.of("reason", "justification");
    static final String WITHHELD = "[withheld]";

    private final EventStore eventStore;
    private final PersonalDataReader opener;
    private final ObjectMapper json;

    AppointmentHistory(EventStore eventStore, PersonalDataReader opener, ObjectMapper json) {
        this.eventStore = eventStore;
        this.opener = opener;
        // Exact decimals, so a price of 350.00 is shown as stored, not as 350.0.
        this.json = json.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    record Entry(long sequence, String type, Instant timestamp, String userId, String role, String correlationId,
                 JsonNode payload) {
    }

    /** The appointment as it stood at {@code asOf}, folded from the events up to that instant. */
    record State(Instant asOf, AppointmentStatus status, UUID doctorId, UUID patientId, UUID slotId, Instant start,
                 Instant end, Money price, String rejectReason, String cancelJustification, String cancelledBy) {
    }

    /** {@code patientId} is for the read accountability log, not part of the answer. */
    record History(UUID appointmentId, List<Entry> events, State state,
                   @JsonIgnore @Schema(hidden = true) UUID patientId) {
    }

    /** Empty when the appointment does not exist (or did not exist yet at {@code asOf}). */
    Optional<History> of(AppointmentId appointmentId, Instant asOf) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        eventStore.readEvents(appointmentId.toString()).asStream()
                .filter(message -> asOf == null || !message.getTimestamp().isAfter(asOf))
                .forEach(messages::add);
        // Checked before anything is opened: another aggregate's id answers exactly like an unknown one.
        if (messages.isEmpty() || !messages.stream().allMatch(message -> AGGREGATE_TYPE.equals(message.getType()))) {
            return Optional.empty();
        }
        List<Entry> entries = messages.stream().map(this::entry).toList();
        State state = asOf == null ? null : fold(messages, asOf);
        UUID patientId = messages.stream().map(DomainEventMessage::getPayload)
                .filter(AppointmentRequestedEvent.class::isInstance).map(AppointmentRequestedEvent.class::cast)
                .map(requested -> requested.patientId().value()).findFirst().orElse(null);
        return Optional.of(new History(appointmentId.value(), entries, state, patientId));
    }

    private Entry entry(DomainEventMessage<?> message) {
        Map<String, ?> metaData = message.getMetaData();
        return new Entry(message.getSequenceNumber(), message.getPayloadType().getSimpleName(), message.getTimestamp(),
                text(metaData.get(AuditMetadata.USER_ID)), text(metaData.get(AuditMetadata.ROLE)),
                text(metaData.get(AuditMetadata.CORRELATION_ID)), opened(tree(message.getPayload()), null));
    }

    /** Through JSON text rather than valueToTree, so numbers keep their exact decimals. */
    private JsonNode tree(Object payload) {
        try {
            return json.readTree(json.writeValueAsString(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event payload is not serialisable as JSON", e);
        }
    }

    /**
     * Replaces each sealed string an auditor needs by its plain text (null when its owner's key was shredded), and
     * every other sealed string by {@link #WITHHELD}, unopened.
     */
    private JsonNode opened(JsonNode node, String field) {
        if (node.isTextual() && Sealed.isSealed(node.asText())) {
            if (!OPENED_FIELDS.contains(field)) {
                return json.getNodeFactory().textNode(WITHHELD);
            }
            return opener.open(Sealed.of(node.asText())).<JsonNode>map(json.getNodeFactory()::textNode)
                    .orElseGet(json.getNodeFactory()::nullNode);
        }
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            fields.forEach(entry -> object.set(entry.getKey(), opened(entry.getValue(), entry.getKey())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, opened(array.get(i), field));
            }
        }
        return node;
    }

    private State fold(List<DomainEventMessage<?>> messages, Instant asOf) {
        State state = null;
        for (DomainEventMessage<?> message : messages) {
            state = next(state, message.getPayload(), asOf);
        }
        return state;
    }

    private State next(State state, Object payload, Instant asOf) {
        return switch (payload) {
            case AppointmentRequestedEvent e -> new State(asOf, AppointmentStatus.REQUESTED, e.doctorId().value(),
                    e.patientId().value(), e.slotId().value(), e.start(), e.end(), e.price(), null, null, null);
            case AppointmentRescheduledEvent e when state != null -> new State(state.asOf(), e.status(), state.doctorId(),
                    state.patientId(), e.slotId().value(), e.start(), e.end(), state.price(), null, null, null);
            case AppointmentAcceptedEvent ignored when state != null -> withStatus(state, AppointmentStatus.ACCEPTED, null, null, null);
            case AppointmentRejectedEvent e when state != null ->
                    withStatus(state, AppointmentStatus.REJECTED, opener.open(e.reason()).orElse(null), null, null);
            case AppointmentCancelledEvent e when state != null -> withStatus(state, AppointmentStatus.CANCELLED, null,
                    opener.open(e.justification()).orElse(null), e.cancelledBy().name());
            case AppointmentExpiredEvent ignored when state != null -> withStatus(state, AppointmentStatus.EXPIRED, null, null, null);
            case AppointmentCompletedEvent ignored when state != null -> withStatus(state, AppointmentStatus.COMPLETED, null, null, null);
            case AppointmentNoShowEvent ignored when state != null -> withStatus(state, AppointmentStatus.NO_SHOW, null, null, null);
            default -> state;
        };
    }

    private static State withStatus(State state, AppointmentStatus status, String reason, String justification,
                                    String cancelledBy) {
        return new State(state.asOf(), status, state.doctorId(), state.patientId(), state.slotId(), state.start(),
                state.end(), state.price(), reason, justification, cancelledBy);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
