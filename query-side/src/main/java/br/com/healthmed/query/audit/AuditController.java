package br.com.healthmed.query.audit;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.query.accountability.PersonalDataReads;
import br.com.healthmed.query.web.Rejects;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/audit/appointments")
@Tag(name = "Audit")
class AuditController {

    private final AppointmentHistory history;
    private final PersonalDataReads reads;

    AuditController(AppointmentHistory history, PersonalDataReads reads) {
        this.history = history;
        this.reads = reads;
    }

    @GetMapping("/{appointmentId}/history")
    @Rejects(NotFoundException.class)
    @Operation(operationId = "getAppointmentHistory", summary = "Replay an appointment's full history (AUDITOR, ADMIN)",
            description = "Every event in order with its time, actor and role; with asOf, also the state folded up to that instant. "
                    + "Each answer is recorded in the read accountability log (GET /api/admin/personal-data-reads) "
                    + "against the appointment's patient, with purpose AUDIT.")
    ResponseEntity<AppointmentHistory.History> history(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID appointmentId,
            @Parameter(description = "ISO-8601 instant with offset") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime asOf) {
        AppointmentHistory.History found = history.of(new AppointmentId(appointmentId), asOf == null ? null : asOf.toInstant())
                .orElseThrow(() -> new NotFoundException("appointment not found"));
        reads.record(actor, found.patientId() == null ? List.of() : List.of(found.patientId()),
                "/api/audit/appointments/" + appointmentId + "/history", PersonalDataReads.Purpose.AUDIT);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(found);
    }
}
