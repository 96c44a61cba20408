package br.com.healthmed.query.appointment;

import io.swagger.v3.oas.annotations.tags.Tag;
import br.com.healthmed.query.web.NotFoundException;
import br.com.healthmed.query.web.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.query.accountability.PersonalDataReads;
import br.com.healthmed.query.doctor.DoctorDocument;
import br.com.healthmed.query.doctor.Doctors;
import br.com.healthmed.query.patient.PatientNames;
import br.com.healthmed.query.privacy.PersonalDataReader;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.query.web.PageView;
import br.com.healthmed.query.web.QueryParameters;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A patient's or a doctor's own appointments; never cached by anyone in between (Cache-Control: no-store). */
@RestController
@Tag(name = "Appointments")
class AppointmentController {

    private static final int DEFAULT_PAGE_SIZE = 20;
    /** Dates without a time are days in Brasília time, the product's reference zone. */
    private static final ZoneId DATE_ZONE = ZoneId.of("America/Sao_Paulo");

    private final Appointments appointments;
    private final Doctors doctors;
    private final PatientNames patientNames;
    private final PersonalDataReader personalData;
    private final PersonalDataReads reads;

    AppointmentController(Appointments appointments, Doctors doctors, PatientNames patientNames,
                          PersonalDataReader personalData, PersonalDataReads reads) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.patientNames = patientNames;
        this.personalData = personalData;
        this.reads = reads;
    }

    record DoctorRef(String id, String name, String specialty) {
    }

    record PatientRef(String id, String name) {
    }

    record AppointmentView(
            String appointmentId,
            AppointmentStatus status,
            String slotId,
            OffsetDateTime start,
            OffsetDateTime end,
            DoctorRef doctor,
            PatientRef patient,
            Money price,
            String rejectReason,
            String cancelJustification,
            Role cancelledBy,
            OffsetDateTime requestedAt,
            OffsetDateTime acceptedAt,
            OffsetDateTime rejectedAt,
            OffsetDateTime cancelledAt,
            String noShowReason,
            OffsetDateTime expiredAt,
            OffsetDateTime completedAt,
            OffsetDateTime noShowAt,
            OffsetDateTime rescheduledAt,
            Role rescheduledBy) {
    }

    @GetMapping("/api/appointments")
    @Operation(operationId = "listAppointments", summary = "List my appointments (patient or doctor)",
            description = "A doctor's pending requests first, then by start; filtered by status and date window, paged.")
    ResponseEntity<PageView<AppointmentView>> list(@AuthenticationPrincipal Actor actor,
                                                   @RequestParam(required = false) String status,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size) {
        int pageNumber = QueryParameters.page(page);
        int pageSize = QueryParameters.size(size, DEFAULT_PAGE_SIZE);
        Appointments.Page result = appointments.list(actor, status(status),
                QueryParameters.bounds(from, to, DATE_ZONE), pageNumber, pageSize);
        List<AppointmentView> views = views(result.appointments());
        recordDoctorsRead(actor, views, "/api/appointments");
        return noStore(PageView.of(views, pageNumber, pageSize, result.totalElements()));
    }

    @GetMapping("/api/appointments/{appointmentId}")
    @Operation(operationId = "getAppointment", summary = "Read one of my appointments",
            description = "Its status, slot, doctor, patient, price, reject reason or cancel justification and timestamps. Anyone but its patient and its doctor gets 404.")
    @Rejects(NotFoundException.class)
    ResponseEntity<AppointmentView> one(@AuthenticationPrincipal Actor actor, @PathVariable String appointmentId) {
        String id = QueryParameters.id(appointmentId, "appointmentId").toString();
        List<AppointmentView> views = views(List.of(appointments.find(actor, id)));
        recordDoctorsRead(actor, views, "/api/appointments/" + id);
        return noStore(views.getFirst());
    }

    /** A doctor shown patients' names is a read of their personal data by someone else (LGPD accountability). */
    private void recordDoctorsRead(Actor actor, List<AppointmentView> views, String resource) {
        if (actor.role() == Role.DOCTOR) {
            reads.record(actor, views.stream().map(AppointmentView::patient)
                    .filter(patient -> !PersonalDataReader.ERASED.equals(patient.name()))
                    .map(patient -> UUID.fromString(patient.id())).toList(), resource, PersonalDataReads.Purpose.CARE);
        }
    }

    private List<AppointmentView> views(List<AppointmentDocument> found) {
        Map<String, DoctorDocument> doctorsById = doctors.findAll(found.stream().map(AppointmentDocument::doctorId).toList());
        Map<String, String> names = patientNames.of(found.stream().map(AppointmentDocument::patientId).toList());
        List<String> sealed = new ArrayList<>();
        found.forEach(a -> {
            sealed.add(a.rejectReason());
            sealed.add(a.cancelJustification());
            sealed.add(a.noShowReason());
        });
        Map<String, String> opened = personalData.openAll(sealed);
        return found.stream().map(a -> {
            DoctorDocument doctor = doctorsById.get(a.doctorId());
            ZoneId zone = doctor == null ? ZoneOffset.UTC : Doctors.zone(doctor);
            return new AppointmentView(a.id(), a.status(), a.slotId(),
                    at(a.start(), zone), at(a.end(), zone),
                    new DoctorRef(a.doctorId(),
                            doctor == null || doctor.name() == null ? PersonalDataReader.ERASED : doctor.name(),
                            doctor == null ? null : doctor.specialty()),
                    new PatientRef(a.patientId(), names.get(a.patientId())),
                    Money.brl(BigDecimal.valueOf(a.priceCents(), 2)),
                    opened(a.rejectReason(), opened), opened(a.cancelJustification(), opened), a.cancelledBy(),
                    at(a.requestedAt(), zone), at(a.acceptedAt(), zone), at(a.rejectedAt(), zone), at(a.cancelledAt(), zone),
                    opened(a.noShowReason(), opened), at(a.expiredAt(), zone), at(a.completedAt(), zone),
                    at(a.noShowAt(), zone), at(a.rescheduledAt(), zone), a.rescheduledBy());
        }).toList();
    }

    private static String opened(String sealed, Map<String, String> opened) {
        return sealed == null ? null : opened.getOrDefault(sealed, PersonalDataReader.ERASED);
    }

    private static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }

    private static AppointmentStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AppointmentStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("status-unknown", "status",
                    "status must be one of " + Arrays.stream(AppointmentStatus.values()).map(Enum::name)
                            .collect(Collectors.joining(", ")));
        }
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
