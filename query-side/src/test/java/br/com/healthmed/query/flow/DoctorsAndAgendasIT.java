package br.com.healthmed.query.flow;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events appended to the shared event store reach the public search and the agendas over HTTP. */
@IntegrationTest
class DoctorsAndAgendasIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    @StoreOwner
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    private Api api;
    private EventLog log;
    private TestEvents events;
    private final Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

    @BeforeEach
    void setUp() {
        api = new Api(http);
        log = new EventLog(eventStore);
        events = new TestEvents(new PersonKeys(jdbc, environment.getProperty(EmbeddedInfrastructureInitializer.MASTER_KEY_PROPERTY)));
    }

    private DoctorId verifiedDoctor(String name, Specialty specialty, String price, SlotId... slots) {
        DoctorId doctor = DoctorId.random();
        log.append("Doctor", doctor, events.doctorRegistered(doctor, name, specialty, price), new DoctorVerifiedEvent(doctor));
        for (int i = 0; i < slots.length; i++) {
            log.append("Doctor", doctor, TestEvents.slot(doctor, slots[i], tomorrow.plus(Duration.ofHours(i))));
        }
        return doctor;
    }

    @Test
    void search_by_specialty_finds_verified_doctors_with_their_next_free_slot_and_price() {
        SlotId early = SlotId.random();
        DoctorId soon = verifiedDoctor("Nina Rocha", Specialty.NEFROLOGIA, "320.00", early, SlotId.random());
        DoctorId none = verifiedDoctor("Beto Alves", Specialty.NEFROLOGIA, "150.00");
        DoctorId unverified = DoctorId.random();
        log.append("Doctor", unverified, events.doctorRegistered(unverified, "Ugo Unverified", Specialty.NEFROLOGIA, "100.00"));

        // Each doctor's events may be handled by a different segment: wait for both, slots included.
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.get("/api/doctors?specialty=nefrologia").<List<String>>read("$.content[*].id"))
                        .containsExactly(soon.toString(), none.toString()));
        var found = api.get("/api/doctors?specialty=NEFROLOGIA");
        assertThat(found.<Integer>read("$.totalElements")).isEqualTo(2);
        assertThat(found.<String>read("$.content[0].name")).isEqualTo("Nina Rocha");
        assertThat(found.<Boolean>read("$.hasNext")).isFalse();
        var firstOfTwo = api.get("/api/doctors?specialty=NEFROLOGIA&size=1");
        assertThat(firstOfTwo.<Boolean>read("$.hasNext")).isTrue();
        assertThat(firstOfTwo.<Map<String, Object>>read("$")).doesNotContainKeys("totalElements", "totalPages");
        var counted = api.get("/api/doctors?specialty=NEFROLOGIA&size=1&withTotal=true");
        assertThat(counted.<Integer>read("$.totalElements")).isEqualTo(2);
        assertThat(counted.<Integer>read("$.totalPages")).isEqualTo(2);
        assertThat(found.<String>read("$.content[0].crmUf")).isEqualTo("SP");
        assertThat(found.<String>read("$.content[0].specialty.name")).isEqualTo("Nefrologia");
        assertThat(found.<Double>read("$.content[0].price.amount")).isEqualTo(320.00);
        assertThat(OffsetDateTime.parse(found.<String>read("$.content[0].nextFreeSlot")).toInstant()).isEqualTo(tomorrow);
        assertThat(found.<String>read("$.content[0].nextFreeSlot")).endsWith("-03:00");
        assertThat(found.<Map<String, Object>>read("$.content[1]")).doesNotContainKey("nextFreeSlot");

        assertThat(api.get("/api/doctors/" + soon).<String>read("$.timeZone")).isEqualTo("America/Sao_Paulo");
        assertThat(api.get("/api/doctors/" + unverified).status()).isEqualTo(404);
        List<Map<String, Object>> specialties = api.get("/api/specialties").read("$[?(@.code == 'NEFROLOGIA')]");
        assertThat(specialties).singleElement().satisfies(s -> assertThat(s).containsEntry("doctorCount", 2));
    }

    @Test
    void anonymous_public_reads_may_be_shared_by_the_gateway_for_two_seconds_and_nothing_else_may() {
        DoctorId doctor = verifiedDoctor("Cora Lima", Specialty.REUMATOLOGIA, "190.00", SlotId.random());
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.get("/api/doctors/" + doctor + "/agenda").<List<String>>read("$.slots[*].slotId")).hasSize(1));

        for (String path : List.of("/api/specialties", "/api/doctors?specialty=REUMATOLOGIA", "/api/doctors/" + doctor,
                "/api/doctors/" + doctor + "/agenda")) {
            var anonymous = api.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            assertThat(anonymous.header("Cache-Control")).as(path).isEqualTo("max-age=2, public");
            assertThat(anonymous.response().getHeaders().getVary()).as(path).contains("Authorization", "X-Consistency-Token");

            String token = TestTokens.token(PatientId.random().value(), Role.PATIENT);
            assertThat(api.get(path, token).header("Cache-Control")).as(path + " with a token").contains("no-store");
            HttpHeaders readYourWrites = new HttpHeaders();
            readYourWrites.set("X-Consistency-Token", "0");
            assertThat(http.exchange(path, HttpMethod.GET, new HttpEntity<>(readYourWrites), String.class)
                    .getHeaders().getCacheControl()).as(path + " read-your-writes").contains("no-store");
        }
        assertThat(api.get("/api/doctors/" + DoctorId.random()).header("Cache-Control"))
                .as("a 404 is never shared").contains("no-store");
        assertThat(api.get("/api/doctors?maxPrice=abc").header("Cache-Control"))
                .as("a 400 is never shared").contains("no-store");
        assertThat(api.get("/api/appointments", TestTokens.token(PatientId.random().value(), Role.PATIENT))
                .header("Cache-Control")).as("a private read").contains("no-store");
    }

    @Test
    void a_held_slot_leaves_the_public_agenda_and_shows_held_with_its_patient_in_the_doctors_own() {
        SlotId first = SlotId.random();
        SlotId second = SlotId.random();
        DoctorId doctor = verifiedDoctor("Ugo Ramos", Specialty.UROLOGIA, "210.00", first, second);
        PatientId patient = PatientId.random();
        AppointmentId appointment = AppointmentId.random();
        log.append("Patient", patient, events.patientRegistered(patient, "Pedro Paciente"));
        log.append("Appointment", appointment, TestEvents.requested(appointment, doctor, patient, first, tomorrow, "210.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, first, appointment));

        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.get("/api/doctors/" + doctor + "/agenda").<List<String>>read("$.slots[*].slotId"))
                        .containsExactly(second.toString()));
        var publicAgenda = api.get("/api/doctors/" + doctor + "/agenda");
        assertThat(publicAgenda.<Double>read("$.slots[0].price.amount")).isEqualTo(210.00);
        assertThat(publicAgenda.<String>read("$.slots[0].start")).endsWith("-03:00");

        String doctorToken = TestTokens.token(doctor.value(), Role.DOCTOR);
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            var own = api.get("/api/doctors/me/agenda", doctorToken);
            assertThat(own.<List<String>>read("$.slots[*].status")).containsExactly("HELD", "FREE");
            assertThat(own.<String>read("$.slots[0].appointmentId")).isEqualTo(appointment.toString());
            assertThat(own.<String>read("$.slots[0].patientName")).isEqualTo("Pedro Paciente");
            assertThat(own.header("Cache-Control")).contains("no-store");
        });
        assertThat(api.get("/api/doctors/me/agenda", TestTokens.token(patient.value(), Role.PATIENT)).status()).isEqualTo(403);
        assertThat(api.get("/api/doctors/me/agenda").status()).isEqualTo(401);
    }
}
