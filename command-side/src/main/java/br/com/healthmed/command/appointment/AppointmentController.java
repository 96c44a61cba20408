package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AcceptAppointmentCommand;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentOutcome;
import br.com.healthmed.api.appointment.AppointmentRequested;
import br.com.healthmed.api.appointment.CancelAppointmentCommand;
import br.com.healthmed.api.appointment.RejectAppointmentCommand;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.doctor.SlotDirectory;
import br.com.healthmed.command.doctor.SlotNotFoundException;
import br.com.healthmed.command.security.Actor;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.IdempotencyStore;
import br.com.healthmed.command.web.IdempotencyStore.Claim;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/appointments")
@Tag(name = "Appointments")
class AppointmentController {

    private final Commands commands;
    private final SlotDirectory slots;
    private final IdempotencyStore idempotency;

    AppointmentController(Commands commands, SlotDirectory slots, IdempotencyStore idempotency) {
        this.commands = commands;
        this.slots = slots;
        this.idempotency = idempotency;
    }

    record RequestAppointmentRequest(String slotId) {
    }

    record RejectRequest(String reason) {
        @Override
        public String toString() {
            return "RejectRequest[protected]";
        }
    }

    record CancelRequest(String justification) {
        @Override
        public String toString() {
            return "CancelRequest[protected]";
        }
    }

    @PostMapping
    @Operation(summary = "Request a free slot",
            description = "Holds the slot at once. With an Idempotency-Key, a retry of the same request gets the same answer.")
    ResponseEntity<?> request(@AuthenticationPrincipal Actor actor,
                              @Parameter(description = "Client-chosen key that makes retries safe")
                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                              @RequestBody RequestAppointmentRequest request) {
        if (request.slotId() == null || request.slotId().isBlank()) {
            throw new InvalidValueException("slot-id-required", "slotId", "slotId is required");
        }
        SlotId slotId = SlotId.of(request.slotId());
        if (idempotencyKey == null) {
            return created(book(actor, slotId));
        }
        Claim claim = idempotency.claim(actor.userId(), idempotencyKey, "POST /api/appointments " + slotId);
        if (claim instanceof Claim.Replay replay) {
            return ResponseEntity.status(replay.status()).contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotent-Replayed", "true").body(replay.body());
        }
        Claim.Execute execute = (Claim.Execute) claim;
        try {
            AppointmentRequested booked = book(actor, slotId);
            idempotency.complete(execute, HttpStatus.CREATED.value(), booked);
            return created(booked);
        } catch (RuntimeException e) {
            idempotency.release(execute);
            throw e;
        }
    }

    @PostMapping("/{appointmentId}/accept")
    @Operation(summary = "Accept a requested appointment (its doctor)")
    AppointmentOutcome accept(@PathVariable UUID appointmentId) {
        return commands.send(new AcceptAppointmentCommand(new AppointmentId(appointmentId)));
    }

    @PostMapping("/{appointmentId}/reject")
    @Operation(summary = "Reject a requested appointment with a reason (its doctor); the slot is freed")
    AppointmentOutcome reject(@PathVariable UUID appointmentId, @RequestBody RejectRequest request) {
        Justification reason = Justification.of(request.reason(), "reason");
        return commands.send(new RejectAppointmentCommand(new AppointmentId(appointmentId), reason));
    }

    @PostMapping("/{appointmentId}/cancel")
    @Operation(summary = "Cancel with a justification (the patient, or the doctor once accepted); the slot is freed")
    AppointmentOutcome cancel(@PathVariable UUID appointmentId, @RequestBody CancelRequest request) {
        Justification justification = Justification.of(request.justification(), "justification");
        return commands.send(new CancelAppointmentCommand(new AppointmentId(appointmentId), justification));
    }

    private AppointmentRequested book(Actor actor, SlotId slotId) {
        DoctorId doctorId = slots.ownerOf(slotId).orElseThrow(SlotNotFoundException::new);
        return commands.send(new RequestAppointmentCommand(AppointmentId.random(), doctorId, slotId, new PatientId(actor.userId())));
    }

    private static ResponseEntity<AppointmentRequested> created(AppointmentRequested booked) {
        return ResponseEntity.created(URI.create("/api/appointments/" + booked.appointmentId())).body(booked);
    }
}
