package br.com.healthmed.command.demo;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With demo data, the start books the demo consultation (issue 11's "done when"): an accepted appointment of the first
 * demo doctor with the first demo patient, booked through the real rules, whose room both can enter at once when rooms
 * open as early as {@code ./run.sh} configures them.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.demo.seed=true",
        "healthmed.demo.schedule-days=7",
        "healthmed.consultation.room.opens-before=PT12H"})
class DemoConsultationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_demo_doctor_and_patient_have_an_accepted_appointment_whose_room_is_open_now() {
        DemoCatalogue.DemoDoctor doctor = DemoCatalogue.CONSULTATION_DOCTOR;
        DemoCatalogue.DemoPatient patient = DemoCatalogue.CONSULTATION_PATIENT;
        List<String> accepted = jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry
                 WHERE payload_type = 'healthmed.appointment.AppointmentAccepted'
                   AND convert_from(payload, 'UTF8') LIKE ? AND convert_from(payload, 'UTF8') LIKE ?""",
                String.class, "%" + doctor.id() + "%", "%" + patient.id() + "%");
        assertThat(accepted).as("booked by the start").isNotEmpty();
        String appointment = accepted.getLast();

        Api api = new Api(port);
        Api.Response doctorLogin = api.post("/api/auth/doctor/login").body(Map.of("crm", doctor.crmNumber(),
                "uf", doctor.uf(), "password", DemoCatalogue.DOCTOR_PASSWORD)).send();
        assertThat(doctorLogin.status()).as(doctorLogin.toString()).isEqualTo(200);
        Api.Response patientLogin = api.post("/api/auth/patient/login").body(Map.of("login", patient.email(),
                "password", DemoCatalogue.PATIENT_PASSWORD)).send();
        assertThat(patientLogin.status()).as(patientLogin.toString()).isEqualTo(200);

        Api.Response doctorTicket = api.post("/api/appointments/" + appointment + "/consultation/tickets")
                .token(doctorLogin.text("accessToken")).send();
        assertThat(doctorTicket.status()).as("the doctor enters now: %s", doctorTicket).isEqualTo(201);
        String patientToken = patientLogin.text("accessToken");
        assertThat(api.post("/api/appointments/" + appointment + "/consultation/consent").token(patientToken).send()
                .status()).isEqualTo(204);
        Api.Response patientTicket = api.post("/api/appointments/" + appointment + "/consultation/tickets")
                .token(patientToken).send();
        assertThat(patientTicket.status()).as("the patient enters now: %s", patientTicket).isEqualTo(201);
    }
}
