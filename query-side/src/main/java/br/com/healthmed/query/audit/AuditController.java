package br.com.healthmed.query.audit;

import br.com.healthmed.query.web.Rejects;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.UUID;

@RestController
@RequestMapping("/api/audit/appointments")
@Tag(name = "Audit")
class AuditController {

    private final AppointmentHistory history;

    AuditController(AppointmentHistory history) {
        this.history = history;
    }

    @GetMapping("/{appointmentId}/history")
    @Rejects(NotFoundException.class)
    @Operation(operationId = "getAppointmentHistory", summary = "Replay an appointment's full history (AUDITOR, ADMIN)",
            description = "Every event in order with its time, actor and role; with asOf, also the state folded up to that instant.")
    ResponseEntity<AppointmentHistory.History> history(
            @PathVariable UUID appointmentId,
            @Parameter(description = "ISO-8601 instant with offset") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime asOf) {
        return history.of(new AppointmentId(appointmentId), asOf == null ? null : asOf.toInstant())
                .map(found -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(found))
                .orElseThrow(() -> new NotFoundException("appointment not found"));
    }
}
