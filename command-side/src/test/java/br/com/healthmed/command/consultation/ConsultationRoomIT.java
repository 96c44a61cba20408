package br.com.healthmed.command.consultation;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.consultation.Rooms.Room;
import br.com.healthmed.command.security.AccessTokenIssuer;
import br.com.healthmed.command.security.JwtProperties;
import br.com.healthmed.command.security.SigningKeys;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.platform.security.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static br.com.healthmed.command.consultation.SignallingClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The video room over HTTP and the signalling WebSocket (issue 11): who gets a ticket and when, what the handshake
 * accepts, what is relayed to whom, the limits, and what the Appointment records. The room opens two days before the
 * start here, so that an appointment booked for tomorrow is open now and one in five days is not yet.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.consultation.room.opens-before=P2D",
        "healthmed.consultation.signalling.max-messages=30",
        "healthmed.consultation.signalling.heartbeat-interval=PT1S",
        "healthmed.consultation.signalling.heartbeat-timeout=PT3S",
        "healthmed.consultation.turn.secret=test-shared-secret",
        "healthmed.consultation.turn.turn-urls=turn:127.0.0.1:3478?transport=udp",
        "healthmed.consultation.turn.stun-urls=stun:127.0.0.1:3478"})
class ConsultationRoomIT {

    private static final String OFFER = "{\"type\":\"offer\",\"sdp\":\"v=0 offer\",\"extra\":\"dropped\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeys keys;

    @Autowired
    JwtProperties jwt;

    @Autowired
    MeterRegistry meters;

    private Api api;
    private Rooms rooms;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        rooms = new Rooms(api);
    }

    @Test
    void doctor_and_patient_exchange_offer_answer_and_candidates_and_nothing_else() {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()));
             SignallingClient patient = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.patient()))) {
            assertThat(doctor.protocol()).as("the answer names the protocol, never the ticket").isEqualTo("healthmed-signal-v1");
            assertThat(doctor.next("welcome").path("role").asText()).isEqualTo("DOCTOR");
            assertThat(patient.next("welcome").path("role").asText()).isEqualTo("PATIENT");
            JsonNode patientSeen = doctor.next("peer-joined");
            assertThat(patientSeen.path("role").asText()).isEqualTo("PATIENT");
            assertThat(patient.next("peer-joined").path("role").asText()).as("told the doctor is already there").isEqualTo("DOCTOR");

            doctor.send(OFFER);
            JsonNode offer = patient.next("offer");
            assertThat(offer.path("sdp").asText()).isEqualTo("v=0 offer");
            assertThat(offer.has("extra")).as("only signalling fields are relayed").isFalse();
            patient.send("{\"type\":\"answer\",\"sdp\":\"v=0 answer\"}");
            assertThat(doctor.next("answer").path("sdp").asText()).isEqualTo("v=0 answer");
            patient.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
            JsonNode candidate = doctor.next("candidate");
            assertThat(candidate.path("candidate").path("sdpMid").asText()).isEqualTo("0");
            assertThat(doctor.drain(Duration.ofMillis(300))).as("a sender never gets its own signals back")
                    .noneMatch(message -> message.path("type").asText().equals("offer"));
        }
    }

    @Test
    void a_message_never_reaches_another_room() {
        Room first = rooms.accepted(1);
        Room second = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(first.appointmentId(), first.doctor()));
             SignallingClient patient = SignallingClient.connect(port, rooms.ticketOf(first.appointmentId(), first.patient()));
             SignallingClient otherDoctor = SignallingClient.connect(port, rooms.ticketOf(second.appointmentId(), second.doctor()));
             SignallingClient otherPatient = SignallingClient.connect(port, rooms.ticketOf(second.appointmentId(), second.patient()))) {
            doctor.next("peer-joined");
            otherDoctor.next("peer-joined");
            doctor.send(OFFER);
            assertThat(patient.next("offer").path("sdp").asText()).isEqualTo("v=0 offer");

            List<JsonNode> elsewhere = otherPatient.drain(Duration.ofSeconds(1));
            elsewhere.addAll(otherDoctor.drain(Duration.ZERO));
            assertThat(elsewhere).as("the other room sees only its own presence messages")
                    .allMatch(message -> List.of("welcome", "peer-joined").contains(message.path("type").asText()));
        }
    }

    @Test
    void every_wrong_role_and_person_is_refused_a_ticket() {
        Room room = rooms.accepted(1);
        Person otherDoctor = rooms.scenario().verifiedDoctor(rooms.adminToken());
        Person otherPatient = rooms.scenario().patient();
        String auditor = tokenFor(Role.AUDITOR, Clock.systemUTC());

        assertProblem(rooms.ticket(room.appointmentId(), rooms.adminToken()), 403, "forbidden");
        assertProblem(rooms.ticket(room.appointmentId(), auditor), 403, "forbidden");
        assertProblem(rooms.ticket(room.appointmentId(), otherDoctor.accessToken()), 404, "appointment-not-found");
        assertProblem(rooms.ticket(room.appointmentId(), otherPatient.accessToken()), 404, "appointment-not-found");
        assertProblem(rooms.ticket(UUID.randomUUID(), room.patient().accessToken()), 404, "appointment-not-found");
        assertProblem(rooms.ticket(room.appointmentId(), null), 401, "unauthenticated");
        assertProblem(rooms.consent(room.appointmentId(), room.doctor().accessToken()), 403, "forbidden");
        assertProblem(rooms.end(room.appointmentId(), room.patient().accessToken()), 403, "forbidden");
    }

    @Test
    void an_expired_access_token_gets_no_ticket() {
        Room room = rooms.accepted(1);
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new AccessTokenIssuer(keys.privateKey(), jwt.issuer(), Duration.ofMinutes(15), anHourAgo)
                .issue(new Actor(room.patient().id(), Role.PATIENT)).value();

        assertProblem(rooms.ticket(room.appointmentId(), expired), 401, "token-expired");
    }

    @Test
    void the_room_is_not_open_days_before_the_start() {
        Room later = rooms.accepted(5);

        assertProblem(rooms.ticket(later.appointmentId(), later.doctor().accessToken()), 409, "consultation-room-not-open");
    }

    @Test
    void a_request_not_accepted_and_a_cancelled_appointment_have_no_room() {
        Room requested = rooms.requested(1);
        assertProblem(rooms.ticket(requested.appointmentId(), requested.doctor().accessToken()), 409, "consultation-unavailable");
        assertProblem(rooms.consent(requested.appointmentId(), requested.patient().accessToken()), 409, "consultation-unavailable");

        Room cancelled = rooms.accepted(1);
        assertThat(rooms.cancel(cancelled).status()).isEqualTo(200);
        assertProblem(rooms.ticket(cancelled.appointmentId(), cancelled.patient().accessToken()), 409, "consultation-unavailable");
    }

    @Test
    void the_patient_consents_before_the_first_join() {
        Room room = rooms.requested(1);
        assertThat(api.post("/api/appointments/" + room.appointmentId() + "/accept").token(room.doctor().accessToken())
                .send().status()).isEqualTo(200);

        assertProblem(rooms.ticket(room.appointmentId(), room.patient().accessToken()), 409, "consultation-consent-required");
        assertThat(rooms.ticket(room.appointmentId(), room.doctor().accessToken()).status())
                .as("the doctor needs no consent").isEqualTo(201);
        assertThat(rooms.consent(room.appointmentId(), room.patient().accessToken()).status()).isEqualTo(204);
        assertThat(rooms.ticket(room.appointmentId(), room.patient().accessToken()).status()).isEqualTo(201);
    }

    @Test
    void a_ticket_answers_ice_servers_with_turn_credentials_of_the_caller() {
        Room room = rooms.accepted(1);
        Api.Response ticket = rooms.ticket(room.appointmentId(), room.patient().accessToken());

        JsonNode servers = ticket.json().path("ice").path("iceServers");
        assertThat(servers).hasSize(2);
        JsonNode turn = servers.get(1);
        assertThat(turn.path("urls").get(0).asText()).isEqualTo("turn:127.0.0.1:3478?transport=udp");
        String username = turn.path("username").asText();
        assertThat(username).endsWith(":" + room.patient().id());
        assertThat(turn.path("credential").asText()).isEqualTo(TurnCredentials.password("test-shared-secret", username));
        assertThat(ticket.header("Cache-Control")).contains("no-store");
    }

    @Test
    void the_handshake_needs_an_unused_ticket() {
        Room room = rooms.accepted(1);
        String ticket = rooms.ticketOf(room.appointmentId(), room.doctor());

        assertThat(SignallingClient.refusedHandshake(port, "healthmed-signal-v1")).as("no ticket").isEqualTo(401);
        assertThat(SignallingClient.refusedHandshake(port, "healthmed-signal-v1", "ticket." + "A".repeat(43)))
                .as("an unknown ticket").isEqualTo(401);
        try (SignallingClient first = SignallingClient.connect(port, ticket)) {
            first.next("welcome");
            assertThat(SignallingClient.refusedHandshake(port, "healthmed-signal-v1", "ticket." + ticket))
                    .as("a ticket already used").isEqualTo(401);
        }
    }

    @Test
    void an_appointment_cancelled_after_the_ticket_refuses_the_connection() {
        Room room = rooms.accepted(1);
        String ticket = rooms.ticketOf(room.appointmentId(), room.patient());
        assertThat(rooms.cancel(room).status()).isEqualTo(200);

        try (SignallingClient patient = SignallingClient.connect(port, ticket)) {
            assertThat(patient.awaitClose()).isEqualTo(new SignallingClient.Closed(4409, "consultation-unavailable"));
        }
    }

    @Test
    void an_oversized_message_closes_the_connection() {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()))) {
            doctor.next("welcome");
            doctor.send("{\"type\":\"offer\",\"sdp\":\"" + "a".repeat(20_000) + "\"}");
            assertThat(doctor.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void anything_but_a_signal_closes_the_connection() {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()))) {
            doctor.next("welcome");
            doctor.send("{\"type\":\"chat\",\"text\":\"olá\"}");
            assertThat(doctor.awaitClose()).isEqualTo(new SignallingClient.Closed(4400, "message-invalid"));
        }
    }

    @Test
    void too_many_messages_close_the_connection() {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()))) {
            doctor.next("welcome");
            int sent = 0;
            while (sent < 31 && doctor.trySend("{\"type\":\"ping\"}")) {
                sent++;
            }
            assertThat(doctor.awaitClose()).isEqualTo(new SignallingClient.Closed(4429, "too-many-messages"));
        }
    }

    @Test
    void the_server_pings_and_a_client_that_answers_stays_connected() throws InterruptedException {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()))) {
            doctor.next("welcome");
            Thread.sleep(Duration.ofSeconds(5));
            assertThat(doctor.pingsReceived()).isGreaterThanOrEqualTo(2);
            assertThat(doctor.isOpen()).as("pongs count as signs of life beyond the 3 s timeout").isTrue();
            doctor.send("{\"type\":\"ping\"}");
            assertThat(doctor.next("pong")).isNotNull();
        }
    }

    @Test
    void a_participant_who_reconnects_replaces_the_old_connection_and_continues() {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()));
             SignallingClient dropped = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.patient()))) {
            String firstPatient = doctor.next("peer-joined").path("peer").asText();
            try (SignallingClient patient = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.patient()))) {
                assertThat(dropped.awaitClose()).isEqualTo(new SignallingClient.Closed(4001, "replaced-by-new-connection"));
                String secondPatient = doctor.next(message -> "peer-joined".equals(message.path("type").asText())
                        && !firstPatient.equals(message.path("peer").asText()), "the new connection").path("peer").asText();
                assertThat(secondPatient).isNotEqualTo(firstPatient);
                doctor.send(OFFER);
                assertThat(patient.next("offer").path("sdp").asText()).isEqualTo("v=0 offer");
            }
        }
    }

    @Test
    void the_doctor_ends_a_held_consultation_which_completes_the_appointment_and_records_only_times() {
        Room room = rooms.accepted(1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()));
             SignallingClient patient = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.patient()))) {
            doctor.next("peer-joined");
            doctor.send(OFFER);
            patient.next("offer");

            assertThat(rooms.end(room.appointmentId(), room.doctor().accessToken()).status()).isEqualTo(204);
            assertThat(patient.next("consultation-ended")).isNotNull();
            assertThat(patient.awaitClose()).isEqualTo(new SignallingClient.Closed(4410, "consultation-ended"));
            assertThat(doctor.awaitClose().reason()).isEqualTo("consultation-ended");
        }
        assertProblem(rooms.ticket(room.appointmentId(), room.patient().accessToken()), 409, "consultation-unavailable");
        List<String> types = jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, room.appointmentId().toString());
        assertThat(types).containsSubsequence("healthmed.appointment.ConsultationConsentRecorded",
                "healthmed.appointment.ConsultationStarted", "healthmed.appointment.ParticipantJoined",
                "healthmed.appointment.ParticipantJoined", "healthmed.appointment.ConsultationEnded",
                "healthmed.appointment.AppointmentCompleted");
        List<String> payloads = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND payload_type LIKE 'healthmed.appointment.Participant%'""",
                String.class, room.appointmentId().toString());
        assertThat(payloads).allSatisfy(payload -> assertThat(payload).doesNotContain("v=0", "sdp", "candidate"));
        assertThat(parse(payloads.getFirst()).path("participant").asText()).isIn("DOCTOR", "PATIENT");
    }

    @Test
    void open_rooms_and_refused_joins_are_measured() {
        Room room = rooms.accepted(1);
        Room later = rooms.accepted(5);
        double refusedBefore = count("consultation-room-not-open");
        double admittedBefore = count("ok");

        assertProblem(rooms.ticket(later.appointmentId(), later.doctor().accessToken()), 409, "consultation-room-not-open");
        assertThat(count("consultation-room-not-open")).isEqualTo(refusedBefore + 1);
        try (SignallingClient doctor = SignallingClient.connect(port, rooms.ticketOf(room.appointmentId(), room.doctor()))) {
            doctor.next("welcome");
            assertThat(count("ok")).isEqualTo(admittedBefore + 1);
            assertThat(meters.get("healthmed.consultation.rooms.open").gauge().value()).isGreaterThanOrEqualTo(1);
        }
    }

    private double count(String outcome) {
        var counter = meters.find("healthmed.consultation.joins").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private String tokenFor(Role role, Clock clock) {
        return new AccessTokenIssuer(keys.privateKey(), jwt.issuer(), Duration.ofMinutes(15), clock)
                .issue(new Actor(UUID.randomUUID(), role)).value();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.code()).as("%s", response).isEqualTo(code);
    }
}
