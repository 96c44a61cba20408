package br.com.healthmed.query.agenda;

import io.swagger.v3.oas.annotations.tags.Tag;
import br.com.healthmed.query.web.Rejects;
import br.com.healthmed.query.web.SharedCacheable;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.query.accountability.PersonalDataReads;
import br.com.healthmed.query.appointment.Appointments;
import br.com.healthmed.query.doctor.DoctorDocument;
import br.com.healthmed.query.doctor.Doctors;
import br.com.healthmed.query.patient.PatientNames;
import br.com.healthmed.query.privacy.PersonalDataReader;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.query.web.NotFoundException;
import br.com.healthmed.query.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A doctor's slots: the public sees the free ones it can still book (the minimum notice applied) at the current price;
 * the doctor sees free and held.
 */
@RestController
@Tag(name = "Agendas")
class AgendaController {

    private final PublicAgenda publicAgenda;
    private final Agendas agendas;
    private final Doctors doctors;
    private final Appointments appointments;
    private final PatientNames patientNames;
    private final PersonalDataReads reads;
    private final Clock clock;

    AgendaController(PublicAgenda publicAgenda, Agendas agendas, Doctors doctors, Appointments appointments,
                     PatientNames patientNames, PersonalDataReads reads, Clock clock) {
        this.reads = reads;
        this.publicAgenda = publicAgenda;
        this.agendas = agendas;
        this.doctors = doctors;
        this.appointments = appointments;
        this.patientNames = patientNames;
        this.clock = clock;
    }

    record FreeSlotView(String slotId, OffsetDateTime start, OffsetDateTime end, Money price) {
    }

    record AgendaView(String doctorId, String timeZone, OffsetDateTime from, OffsetDateTime to, List<FreeSlotView> slots) {
    }

    record OwnSlotView(String slotId, OffsetDateTime start, OffsetDateTime end, SlotDocument.Status status,
                       String appointmentId, String patientName) {
    }

    record OwnAgendaView(String doctorId, String timeZone, Money price, OffsetDateTime from, OffsetDateTime to,
                         List<OwnSlotView> slots) {
    }

    @GetMapping("/api/doctors/{doctorId}/agenda")
    @SharedCacheable
    @Operation(operationId = "getPublicAgenda", summary = "A verified doctor's free slots that can still be booked",
            description = "Only slots starting at least the minimum notice (`healthmed.booking.minimum-notice`, 2 h by"
                    + " default) from now, the notice the command side enforces, at the doctor's current price.")
    @Rejects(NotFoundException.class)
    AgendaView publicAgenda(@PathVariable String doctorId,
                            @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to) {
        PublicAgenda.Offer offer = publicAgenda.offer(QueryParameters.id(doctorId, "doctorId").toString(), from, to);
        ZoneId zone = offer.zone();
        List<FreeSlotView> slots = offer.slots().stream()
                .map(s -> new FreeSlotView(s.slotId(), at(s.start(), zone), at(s.end(), zone), offer.price()))
                .toList();
        return new AgendaView(offer.doctorId(), zone.getId(), at(offer.from(), zone), at(offer.to(), zone), slots);
    }

    @GetMapping("/api/doctors/me/agenda")
    @Operation(operationId = "getOwnAgenda", summary = "Read my own agenda (the doctor)",
            description = "Free and held slots in the window (default the next 14 days, at most 62), with the appointment and the patient's name on held ones.")
    @Rejects(NotFoundException.class)
    ResponseEntity<OwnAgendaView> ownAgenda(@AuthenticationPrincipal Actor actor,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to) {
        DoctorDocument doctor = doctors.find(actor.userId().toString())
                .orElseThrow(() -> new NotFoundException("your profile is not in the read model yet"));
        ZoneId zone = Doctors.zone(doctor);
        QueryParameters.Window window = QueryParameters.window(from, to, zone, clock.instant());
        List<SlotDocument> slots = agendas.own(doctor.id(), window.from(), window.to());
        Map<String, String> patientByAppointment = appointments.patientsOf(doctor.id(),
                slots.stream().map(SlotDocument::appointmentId).filter(Objects::nonNull).toList());
        Map<String, String> names = patientNames.of(patientByAppointment.values());
        // Names of erased patients were not shown, so they were not read.
        reads.record(actor, names.entrySet().stream().filter(name -> !PersonalDataReader.ERASED.equals(name.getValue()))
                .map(name -> UUID.fromString(name.getKey())).toList(), "/api/doctors/me/agenda",
                PersonalDataReads.Purpose.CARE);
        List<OwnSlotView> views = slots.stream().map(s -> new OwnSlotView(s.id(), at(s.start(), zone), at(s.end(), zone),
                s.status(), s.appointmentId(),
                s.appointmentId() == null ? null : names.get(patientByAppointment.get(s.appointmentId())))).toList();
        OwnAgendaView body = new OwnAgendaView(doctor.id(), doctor.timeZone(), Doctors.price(doctor),
                at(window.from(), zone), at(window.to(), zone), views);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static OffsetDateTime at(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime();
    }
}
