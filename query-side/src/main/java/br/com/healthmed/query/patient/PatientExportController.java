package br.com.healthmed.query.patient;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.platform.web.Problems;
import br.com.healthmed.query.web.NotFoundException;
import br.com.healthmed.query.web.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Patients")
class PatientExportController {

    private final PersonalDataExport export;

    PatientExportController(PersonalDataExport export) {
        this.export = export;
    }

    @GetMapping("/api/patients/me/export")
    @Operation(operationId = "exportMyPersonalData", summary = "Export every personal data held about me (the patient)",
            description = "LGPD access and portability: the registration (name, e-mail, CPF, phone, birth date) opened "
                    + "from the event store, every appointment with its texts opened, the list of stored events about "
                    + "me, and who else read my personal data (at most the newest 1000 reads). After erasure: 404 "
                    + "`personal-data-erased`, since nothing personal is held any more.")
    @Rejects({NotFoundException.class, PersonalDataErasedException.class})
    ResponseEntity<PersonalDataExport.Export> exportMine(@AuthenticationPrincipal Actor actor) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(export.of(actor.userId()));
    }

    @ExceptionHandler(PersonalDataErasedException.class)
    ResponseEntity<ProblemDetail> erased(PersonalDataErasedException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "personal-data-erased", e.getMessage()));
    }
}
