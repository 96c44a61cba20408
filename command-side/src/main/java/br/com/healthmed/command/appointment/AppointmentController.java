package br.com.healthmed.command.appointment;

import br.com.healthmed.command.doctor.BookingNoticeTooShortException;
import br.com.healthmed.command.doctor.DoctorDeactivatedException;
import br.com.healthmed.command.doctor.DoctorNotVerifiedException;
import br.com.healthmed.command.doctor.SlotUnavailableException;
import br.com.healthmed.command.patient.PatientNotFoundException;
import br.com.healthmed.command.patient.PatientScheduleConflictException;
import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.command.patient.PendingRequestLimitReachedException;
import br.com.healthmed.command.ratelimit.AppointmentRequestThrottle;
import br.com.healthmed.command.ratelimit.TooManyAppointmentRequestsException;
import br.com.healthmed.api.appointment.AcceptAppointmentCommand;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentOutcome;
import br.com.healthmed.api.appointment.AppointmentRequested;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.CancelAppointmentCommand;
import br.com.healthmed.api.appointment.MarkNoShowCommand;
import br.com.healthmed.api.appointment.RejectAppointmentCommand;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.appointment.RescheduleAppointmentCommand;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.doctor.SlotDirectory;
import br.com.healthmed.command.doctor.SlotNotFoundException;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.IdempotencyStore;
import br.com.healthmed.command.web.KeyedCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

@RestController
@RequestMapping("/api/appointments")
@Tag(name = "Appointments")
class AppointmentController {

    private static final String REJECTED_AS_EXISTING = new AppointmentAlreadyExistsException().code();

    private final Commands commands;
    private final SlotDirectory slots;
    private final KeyedCommands keyedCommands;
    private final BookedAppointments booked;
    private final AppointmentRequestThrottle requestThrottle;

    AppointmentController(Commands commands, SlotDirectory slots, KeyedCommands keyedCommands, BookedAppointments booked,
                          AppointmentRequestThrottle requestThrottle) {
        this.commands = commands;
        this.slots = slots;
        this.keyedCommands = keyedCommands;
        this.booked = booked;
        this.requestThrottle = requestThrottle;
    }

    record RequestAppointmentRequest(String slotId) {
    }

    record RescheduleRequest(String slotId) {
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

    record NoShowRequest(String reason) {
        @Override
        public String toString() {
            return "NoShowRequest[protected]";
        }
    }

    @PostMapping
    @Operation(operationId = "requestAppointment", summary = "Request a free slot",
            description = """
                    Holds the slot at once. With an Idempotency-Key the booking happens at most once however often it is \
                    retried: the same key and body get the same 201 again (Idempotent-Replayed: true), also after an \
                    answer was lost or came as 503 command-outcome-unknown. After a 503, wait Retry-After and retry \
                    with the same key. A patient holds at most 3 requests awaiting an answer (409 \
                    pending-request-limit-reached; configurable) and makes at most 10 requests an hour (429 \
                    too-many-appointment-requests with Retry-After; configurable).""")
    @ApiResponse(responseCode = "201", description = "Requested; the body is the same on every retry with the same key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AppointmentRequested.class)))
    @Rejects(value = {SlotNotFoundException.class, DoctorNotVerifiedException.class, DoctorDeactivatedException.class, SlotUnavailableException.class,
            AppointmentAlreadyExistsException.class,
            BookingNoticeTooShortException.class, PatientNotFoundException.class, PatientScheduleConflictException.class,
            PendingRequestLimitReachedException.class, TooManyAppointmentRequestsException.class,
            IdempotencyStore.IdempotencyKeyReusedException.class, IdempotencyStore.IdempotentRequestInProgressException.class},
            sends = RequestAppointmentCommand.class)
    ResponseEntity<?> request(@AuthenticationPrincipal Actor actor,
                              @Parameter(description = "Client-chosen key that makes retries safe")
                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                              @RequestBody RequestAppointmentRequest request) {
        if (request.slotId() == null || request.slotId().isBlank()) {
            throw new InvalidValueException("slot-id-required", "slotId", "slotId is required");
        }
        SlotId slotId = SlotId.of(request.slotId());
        PatientId patientId = new PatientId(actor.userId());
        if (idempotencyKey == null) {
            return created(book(AppointmentId.random(), patientId, slotId));
        }
        AppointmentId appointmentId = BookedAppointments.idFor(patientId, idempotencyKey);
        return keyedCommands.once(actor.userId(), idempotencyKey, "POST /api/appointments " + slotId,
                new KeyedCommands.KeyedCommand<SlotDirectory.Owner, AppointmentRequested>() {
                    @Override
                    public Optional<AppointmentRequested> earlier() {
                        return earlierBooking(appointmentId, patientId, slotId);
                    }

                    @Override
                    public SlotDirectory.Owner check() {
                        return bookable(patientId, slotId);
                    }

                    @Override
                    public AppointmentRequested send(SlotDirectory.Owner owner) {
                        return AppointmentController.this.send(appointmentId, owner, patientId, slotId);
                    }

                    @Override
                    public boolean mayMeanCommittedEarlier(RuntimeException failure) {
                        return REJECTED_AS_EXISTING.equals(IdempotencyStore.rejectionCode(failure));
                    }

                    @Override
                    public URI location(AppointmentRequested booked) {
                        return URI.create("/api/appointments/" + booked.appointmentId());
                    }
                });
    }

    @PostMapping("/{appointmentId}/accept")
    @Operation(operationId = "acceptAppointment", summary = "Accept a requested appointment (its doctor), before it starts",
            description = "409 appointment-not-pending, or appointment-already-started once the slot has begun.")
    @Rejects(value = {AppointmentNotFoundException.class, AppointmentNotPendingException.class,
            AppointmentAlreadyStartedException.class}, sends = AcceptAppointmentCommand.class)
    @ApiResponse(responseCode = "200", description = "Accepted")
    AppointmentOutcome accept(@PathVariable UUID appointmentId) {
        return commands.send(new AcceptAppointmentCommand(new AppointmentId(appointmentId)));
    }

    @PostMapping("/{appointmentId}/reject")
    @Operation(operationId = "rejectAppointment", summary = "Reject a requested appointment with a reason (its doctor); the slot is freed")
    @Rejects(value = {AppointmentNotFoundException.class, AppointmentNotPendingException.class}, sends = RejectAppointmentCommand.class)
    @ApiResponse(responseCode = "200", description = "Rejected; the slot is free again")
    AppointmentOutcome reject(@PathVariable UUID appointmentId, @RequestBody RejectRequest request) {
        Justification reason = Justification.of(request.reason(), "reason");
        return commands.send(new RejectAppointmentCommand(new AppointmentId(appointmentId), reason));
    }

    @PostMapping("/{appointmentId}/cancel")
    @Operation(operationId = "cancelAppointment", summary = "Cancel with a justification (the patient, or the doctor once accepted); the slot is freed",
            description = "409 cancellation-too-late when the patient cancels within healthmed.lifecycle."
                    + "patient-cancellation-cutoff (default 2 h) of the start; appointment-already-started once it began.")
    @Rejects(value = {AppointmentNotFoundException.class, AppointmentNotActiveException.class,
            AppointmentNotCancellableException.class, AppointmentAlreadyStartedException.class,
            CancellationTooLateException.class}, sends = CancelAppointmentCommand.class)
    @ApiResponse(responseCode = "200", description = "Cancelled; the slot is free again")
    AppointmentOutcome cancel(@PathVariable UUID appointmentId, @RequestBody CancelRequest request) {
        Justification justification = Justification.of(request.justification(), "justification");
        return commands.send(new CancelAppointmentCommand(new AppointmentId(appointmentId), justification));
    }

    @PostMapping("/{appointmentId}/no-show")
    @Operation(operationId = "markNoShow", summary = "Record that the patient did not attend (its doctor, after the end and within the no-show window)",
            description = "The reason is optional; when given it has 10 to 500 characters. 409 no-show-not-allowed.")
    @Rejects(value = {AppointmentNotFoundException.class, NoShowNotAllowedException.class}, sends = MarkNoShowCommand.class)
    @ApiResponse(responseCode = "200", description = "Recorded as a no-show")
    AppointmentOutcome noShow(@PathVariable UUID appointmentId, @RequestBody(required = false) NoShowRequest request) {
        String text = request == null ? null : request.reason();
        Justification reason = text == null || text.isBlank() ? null : Justification.of(text, "reason");
        return commands.send(new MarkNoShowCommand(new AppointmentId(appointmentId), reason));
    }

    @PostMapping("/{appointmentId}/reschedule")
    @Operation(operationId = "rescheduleAppointment",
            summary = "Move a requested or accepted appointment to another free slot of the same doctor (its patient, or its doctor once accepted)",
            description = """
                    The new slot is held and the old one freed in one step: both or neither. Moved by the patient, the \
                    appointment is REQUESTED again (the doctor decides anew); moved by the doctor, it stays ACCEPTED and \
                    the patient is told by e-mail. The new slot must respect the booking's minimum notice; the patient \
                    cannot move it within healthmed.lifecycle.patient-cancellation-cutoff of the start (409 \
                    reschedule-too-late), nobody once it began. Naming the slot it already holds changes nothing and \
                    answers the current status, so a retry is safe.""")
    @Rejects(value = {AppointmentNotFoundException.class, RescheduleNotAllowedException.class,
            AppointmentAlreadyStartedException.class, RescheduleTooLateException.class,
            SlotNotOfSameDoctorException.class, SlotNotFoundException.class, SlotUnavailableException.class,
            DoctorNotVerifiedException.class, BookingNoticeTooShortException.class,
            PatientScheduleConflictException.class}, sends = RescheduleAppointmentCommand.class)
    @ApiResponse(responseCode = "200", description = "Rescheduled; the old slot is free again")
    AppointmentOutcome reschedule(@PathVariable UUID appointmentId, @RequestBody RescheduleRequest request) {
        if (request.slotId() == null || request.slotId().isBlank()) {
            throw new InvalidValueException("slot-id-required", "slotId", "slotId is required");
        }
        SlotId slotId = SlotId.of(request.slotId());
        SlotDirectory.Owner owner = slots.ownerOf(slotId).orElseThrow(SlotNotFoundException::new);
        return commands.send(new RescheduleAppointmentCommand(new AppointmentId(appointmentId), owner.doctorId(),
                owner.schedule(), slotId));
    }

    private AppointmentRequested book(AppointmentId appointmentId, PatientId patientId, SlotId slotId) {
        return send(appointmentId, bookable(patientId, slotId), patientId, slotId);
    }

    /** What comes before the command: nothing is written yet, so any failure here leaves nothing behind. */
    private SlotDirectory.Owner bookable(PatientId patientId, SlotId slotId) {
        // Only a request that will really be tried counts; an Idempotency-Key replay does not.
        requestThrottle.take(patientId);
        return slots.ownerOf(slotId).orElseThrow(SlotNotFoundException::new);
    }

    private AppointmentRequested send(AppointmentId appointmentId, SlotDirectory.Owner owner, PatientId patientId,
                                      SlotId slotId) {
        return commands.send(new RequestAppointmentCommand(appointmentId, owner.doctorId(), owner.schedule(), slotId,
                patientId));
    }

    /** The appointment this key created, as its 201 said; the same key for another slot is a reused key. */
    private Optional<AppointmentRequested> earlierBooking(AppointmentId appointmentId, PatientId patientId, SlotId slotId) {
        return booked.requested(appointmentId).map(requested -> {
            if (!requested.patientId().equals(patientId) || !requested.slotId().equals(slotId)) {
                throw new IdempotencyStore.IdempotencyKeyReusedException();
            }
            return new AppointmentRequested(requested.appointmentId(), AppointmentStatus.REQUESTED, requested.price());
        });
    }

    private static ResponseEntity<AppointmentRequested> created(AppointmentRequested booked) {
        return ResponseEntity.created(URI.create("/api/appointments/" + booked.appointmentId())).body(booked);
    }
}
