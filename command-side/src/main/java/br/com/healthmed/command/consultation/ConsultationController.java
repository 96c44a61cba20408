package br.com.healthmed.command.consultation;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.CheckConsultationAccessCommand;
import br.com.healthmed.api.appointment.EndConsultationCommand;
import br.com.healthmed.api.appointment.RecordConsultationConsentCommand;
import br.com.healthmed.command.appointment.AppointmentNotFoundException;
import br.com.healthmed.command.appointment.ConsultationConsentRequiredException;
import br.com.healthmed.command.appointment.ConsultationNotStartedException;
import br.com.healthmed.command.appointment.ConsultationRoomClosedException;
import br.com.healthmed.command.appointment.ConsultationRoomNotOpenException;
import br.com.healthmed.command.appointment.ConsultationUnavailableException;
import br.com.healthmed.command.appointment.RoomAdmission;
import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.command.shared.RejectionDetails;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The online consultation of an accepted appointment: consent, entry to its video room, its end (ADR 0027). */
@RestController
@Tag(name = "Consultations")
class ConsultationController {

    private final Commands commands;
    private final RoomTickets tickets;
    private final TurnCredentials turn;
    private final RoomRelay relay;
    private final ConsultationMetrics metrics;
    private final SignallingProperties signalling;
    private final Clock clock;

    ConsultationController(Commands commands, RoomTickets tickets, TurnCredentials turn, RoomRelay relay,
                           ConsultationMetrics metrics, SignallingProperties signalling, Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.tickets = tickets;
        this.turn = turn;
        this.relay = relay;
        this.metrics = metrics;
        this.signalling = signalling;
    }

    /**
     * What a participant needs to enter the room: a single-use ticket for the signalling WebSocket, passed as the
     * subprotocol {@code ticket.<ticket>} next to {@code protocol}, and the ICE servers with its TURN credentials.
     */
    record RoomTicket(String ticket, Instant ticketExpiresAt, String protocol, String path, String role,
                      Instant roomClosesAt, TurnCredentials.IceServers ice) {
        @Override
        public String toString() {
            return "RoomTicket[protected]";
        }
    }

    @PostMapping("/api/appointments/{appointmentId}/consultation/consent")
    @Operation(operationId = "recordConsultationConsent",
            summary = "Record the patient's consent to a remote consultation (its patient, once accepted)",
            description = "Required before the patient's first entry into the video room (CFM Resolution 2.314/2022). "
                    + "Recording it again changes nothing.")
    @ApiResponse(responseCode = "204", description = "Consent recorded")
    @Rejects(value = {AppointmentNotFoundException.class, ConsultationUnavailableException.class},
            sends = RecordConsultationConsentCommand.class)
    ResponseEntity<Void> consent(@PathVariable UUID appointmentId) {
        commands.send(new RecordConsultationConsentCommand(new AppointmentId(appointmentId)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/appointments/{appointmentId}/consultation/tickets")
    @Operation(operationId = "requestRoomTicket",
            summary = "Enter the appointment's video room: a single-use signalling ticket and ICE servers (its doctor or patient)",
            description = """
                    The room of an accepted appointment is open from healthmed.consultation.room.opens-before (10 min) \
                    before its start until closes-after (30 min) after its end, for its doctor and its patient only, \
                    the patient after recording consent. The ticket is redeemed once, within seconds, by opening the \
                    WebSocket at `path` with the subprotocols `protocol` and `ticket.<ticket>`. A participant who drops \
                    asks for a new ticket and continues.""")
    @ApiResponse(responseCode = "201", description = "Admitted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RoomTicket.class)))
    @Rejects(value = {AppointmentNotFoundException.class, ConsultationUnavailableException.class,
            ConsultationRoomNotOpenException.class, ConsultationRoomClosedException.class,
            ConsultationConsentRequiredException.class}, sends = CheckConsultationAccessCommand.class)
    ResponseEntity<RoomTicket> ticket(@AuthenticationPrincipal Actor actor, @PathVariable UUID appointmentId) {
        AppointmentId id = new AppointmentId(appointmentId);
        RoomAdmission admission;
        try {
            admission = commands.send(new CheckConsultationAccessCommand(id));
        } catch (RuntimeException refused) {
            metrics.refused(CommandFailures.detailsOf(refused, null).map(RejectionDetails::code).orElse("service-unavailable"));
            throw refused;
        }
        String ticket = tickets.issue(new RoomTickets.Ticket(id, actor.userId(), admission.role()));
        TurnCredentials.IceServers ice = turn.forUser(actor.userId());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new RoomTicket(ticket, clock.instant().plus(signalling.ticketLifetime()), SignallingHandler.PROTOCOL,
                        SignallingConfig.PATH, admission.role().name(), admission.closesAt(), ice));
    }

    @PostMapping("/api/appointments/{appointmentId}/consultation/end")
    @Operation(operationId = "endConsultation",
            summary = "End the consultation and close its room (its doctor)",
            description = "A consultation both the doctor and the patient attended completes the appointment at once. "
                    + "Ending it again changes nothing.")
    @ApiResponse(responseCode = "204", description = "Ended; every connection to the room is closed")
    @Rejects(value = {AppointmentNotFoundException.class, ConsultationNotStartedException.class},
            sends = EndConsultationCommand.class)
    ResponseEntity<Void> end(@PathVariable UUID appointmentId) {
        AppointmentId id = new AppointmentId(appointmentId);
        commands.send(new EndConsultationCommand(id));
        relay.end(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/consultations/ice-servers")
    @Operation(operationId = "issueIceServers",
            summary = "Fresh short-lived TURN credentials and the ICE servers (a doctor or a patient)",
            description = "coturn's TURN REST API scheme: username = <expiry in Unix seconds>:<user id>, "
                    + "credential = base64(HMAC-SHA1(shared secret, username)). Only STUN servers when TURN is not configured.")
    TurnCredentials.IceServers iceServers(@AuthenticationPrincipal Actor actor) {
        return turn.forUser(actor.userId());
    }
}
