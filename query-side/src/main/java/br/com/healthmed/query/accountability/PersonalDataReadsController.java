package br.com.healthmed.query.accountability;

import br.com.healthmed.query.web.PageView;
import br.com.healthmed.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.ZoneId;
import java.util.UUID;

@RestController
@Tag(name = "Audit")
class PersonalDataReadsController {

    private static final int DEFAULT_PAGE_SIZE = 50;
    /** Dates without a time are days in Brasília time, the product's reference zone. */
    private static final ZoneId DATE_ZONE = ZoneId.of("America/Sao_Paulo");

    private final PersonalDataReads reads;

    PersonalDataReadsController(PersonalDataReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/admin/personal-data-reads")
    @Operation(operationId = "listPersonalDataReads", summary = "Who read which patient's personal data (ADMIN)",
            description = "The LGPD read accountability log, newest first: every time someone other than the patient "
                    + "was shown a patient's personal data (an auditor's appointment history, a doctor's agenda or "
                    + "appointments with patients' names), with reader, role, resource, purpose and time. Optionally "
                    + "one patient's and within [from, to); paged.")
    ResponseEntity<PageView<PersonalDataReads.Read>> list(
            @Parameter(description = "a patient's id") @RequestParam(required = false) String patientId,
            @Parameter(description = "ISO-8601 date (Brasília day) or date-time with offset, inclusive")
            @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 date (Brasília day, inclusive) or date-time with offset, exclusive")
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        UUID patient = patientId == null || patientId.isBlank() ? null : QueryParameters.id(patientId.strip(), "patientId");
        QueryParameters.Window window = QueryParameters.bounds(from, to, DATE_ZONE);
        int pageNumber = QueryParameters.page(page);
        int pageSize = QueryParameters.size(size, DEFAULT_PAGE_SIZE);
        PersonalDataReads.Page found = reads.find(patient, window.from(), window.to(), pageNumber, pageSize);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(PageView.of(found.reads(), pageNumber, pageSize, found.hasNext(), null));
    }
}
