package br.com.healthmed.query.flow;

import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.testing.TotpCodes;
import br.com.healthmed.client.command.api.AdministrationApi;
import br.com.healthmed.client.command.api.AppointmentsApi;
import br.com.healthmed.client.command.api.AuthenticationApi;
import br.com.healthmed.client.command.api.DoctorScheduleApi;
import br.com.healthmed.client.command.api.DoctorsApi;
import br.com.healthmed.client.command.api.PatientsApi;
import br.com.healthmed.client.command.model.DoctorLoginRequest;
import br.com.healthmed.client.command.model.PatientLoginRequest;
import br.com.healthmed.client.command.model.PublishRequest;
import br.com.healthmed.client.command.model.RegisterDoctorRequest;
import br.com.healthmed.client.command.model.EmailConfirmationRequest;
import br.com.healthmed.client.command.model.RegisterPatientRequest;
import br.com.healthmed.client.command.model.RequestAppointmentRequest;
import br.com.healthmed.client.command.model.MfaLoginRequest;
import br.com.healthmed.client.command.model.StaffLoginRequest;
import br.com.healthmed.client.query.api.AgendasApi;
import br.com.healthmed.client.query.model.AppointmentView;
import br.com.healthmed.client.query.model.FreeSlotView;
import br.com.healthmed.client.query.model.OwnSlotView;
import br.com.healthmed.query.support.BothSides;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 10, item 2, end to end: a request the doctor leaves unanswered expires on the real command side (its packaged
 * jar, with a request expiry of 20 s and deadlines polled twice a second) and its slot is back in the public agenda
 * this query side serves, free in the doctor's own agenda, bookable again by the same patient (whose time was freed
 * too); the request shows as EXPIRED in both parties' lists and can no longer be accepted. Its own command side and
 * query side: the shared end-to-end command side keeps the default expiry of 24 h.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RequestExpiryEndToEndIT.ShortRequestExpiry.class)
@DirtiesContext
class RequestExpiryEndToEndIT {

    private static final String PASSWORD = "senha-da-expiracao-e2e";
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** A command side whose requests expire 20 s after they are made, for this class only. */
    static class ShortRequestExpiry implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static BothSides sides;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(sides().queryProperties()).applyTo(context);
        }

        static synchronized BothSides sides() {
            if (sides == null) {
                sides = BothSides.start(Map.of("HEALTHMED_REQUEST_EXPIRY", "PT20S",
                        "HEALTHMED_DEADLINE_POLLING_INTERVAL", "PT0.5S"), "command-side-expiry-e2e.log");
            }
            return sides;
        }

        static synchronized void stop() {
            if (sides != null) {
                sides.close();
                sides = null;
            }
        }
    }

    @LocalServerPort
    int queryPort;

    /** The last command's X-Consistency-Token, passed back on the reads that must see it. */
    String consistency;
    br.com.healthmed.client.command.ApiClient commandClient;
    br.com.healthmed.client.query.ApiClient queryClient;

    @BeforeEach
    void clients() {
        URI commands = URI.create(ShortRequestExpiry.sides().commandSideUrl());
        commandClient = new br.com.healthmed.client.command.ApiClient()
                .setScheme(commands.getScheme()).setHost(commands.getHost()).setPort(commands.getPort())
                .setResponseInterceptor(response -> response.headers().firstValue("X-Consistency-Token")
                        .ifPresent(token -> consistency = token));
        queryClient = new br.com.healthmed.client.query.ApiClient().setHost("localhost").setPort(queryPort);
    }

    @AfterAll
    static void stopCommandSide() {
        ShortRequestExpiry.stop();
    }

    @Test
    void an_unanswered_request_expires_and_its_slot_is_free_again_in_the_public_agenda() throws Exception {
        var auth = new AuthenticationApi(commandClient);
        // The ADMIN's password answers a challenge (401 mfa-required), completed with a TOTP code (ADR 0024).
        String challenge;
        try {
            auth.adminLogin(new StaffLoginRequest().email(BothSides.ADMIN_EMAIL).password(BothSides.ADMIN_PASSWORD));
            throw new AssertionError("an ADMIN's password alone must not log in");
        } catch (br.com.healthmed.client.command.ApiException e) {
            assertThat(e.getCode()).isEqualTo(401);
            challenge = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.getResponseBody()).path("challengeToken").asText();
        }
        Map<String, String> admin = bearer(auth.completeMfaLogin(new MfaLoginRequest().challengeToken(challenge)
                .code(TotpCodes.nextCode(BothSides.ADMIN_TOTP_SECRET))).getAccessToken());
        String crm = Integer.toString(200000 + ThreadLocalRandom.current().nextInt(700000));
        UUID doctorId = new DoctorsApi(commandClient).registerDoctor(new RegisterDoctorRequest().name("Dra. Helena Duarte")
                .crm(crm).uf("PR").email("helena." + crm + "@expiry.test").specialty("PEDIATRIA")
                .consultationPrice(new BigDecimal("180.00")).timeZone("America/Sao_Paulo").password(PASSWORD)).getDoctorId();
        new AdministrationApi(commandClient).verifyDoctor(doctorId, admin);
        Map<String, String> doctor = bearer(auth.doctorLogin(new DoctorLoginRequest().crm(crm).uf("PR").password(PASSWORD))
                .getAccessToken());
        var schedule = new DoctorScheduleApi(commandClient);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(3).truncatedTo(ChronoUnit.DAYS).withHour(14);
        UUID slot = schedule.publishSlots(new PublishRequest().start(start).end(start.plusMinutes(30)), null, doctor)
                .getSlotIds().getFirst();

        String cpf = ApiExamples.SystemVariables.cpf();
        String email = "livia." + cpf + "@expiry.test";
        var patients = new PatientsApi(commandClient);
        patients.registerPatient(new RegisterPatientRequest().name("Lívia Campos").email(email).cpf(cpf).password(PASSWORD));
        patients.confirmPatientEmail(new EmailConfirmationRequest().token(SharedInfrastructure.mailbox().confirmationToken(email)));
        Map<String, String> patient = bearer(auth.patientLogin(new PatientLoginRequest().login(cpf).password(PASSWORD))
                .getAccessToken());
        var appointments = new AppointmentsApi(commandClient);
        UUID appointmentId = appointments.requestAppointment(new RequestAppointmentRequest().slotId(slot.toString()),
                null, patient).getAppointmentId();
        assertThat(publicSlots(doctorId)).as("held by the request").doesNotContain(slot.toString());

        // Nobody answers: the deadline stored in PostgreSQL fires on the command side; the patient's view follows.
        var reads = new br.com.healthmed.client.query.api.AppointmentsApi(queryClient);
        AppointmentView expired = awaitStatus(reads, appointmentId, patient, AppointmentView.StatusEnum.EXPIRED);
        assertThat(expired.getSlotId()).isEqualTo(slot.toString());
        assertThat(expired.getExpiredAt()).isNotNull();

        // Any later command's token is past the expiry's events: reads carrying it see every view updated.
        schedule.publishSlots(new PublishRequest().start(start.plusHours(1)).end(start.plusHours(1).plusMinutes(30)), null, doctor);
        assertThat(publicSlots(doctorId)).as("free again in the public agenda").contains(slot.toString());
        List<OwnSlotView> own = new AgendasApi(queryClient).getOwnAgenda(null, null, consistency, doctor).getSlots();
        assertThat(own).filteredOn(mine -> mine.getSlotId().equals(slot.toString())).singleElement().satisfies(mine -> {
            assertThat(mine.getStatus()).isEqualTo(OwnSlotView.StatusEnum.FREE);
            assertThat(mine.getAppointmentId()).isNull();
        });
        assertThat(reads.listAppointments("EXPIRED", null, null, null, null, consistency, doctor).getContent())
                .extracting(AppointmentView::getAppointmentId).containsExactly(appointmentId.toString());
        assertThat(reads.listAppointments("EXPIRED", null, null, null, null, consistency, patient).getContent())
                .extracting(AppointmentView::getAppointmentId).containsExactly(appointmentId.toString());

        // Too late for the doctor; the same patient may book the same time again.
        try {
            appointments.acceptAppointment(appointmentId, doctor);
            fail("an expired request was accepted");
        } catch (br.com.healthmed.client.command.ApiException e) {
            assertThat(e.getCode()).isEqualTo(409);
            assertThat(commandClient.getObjectMapper().readValue(e.getResponseBody(),
                    br.com.healthmed.client.command.model.Problem.class).getCode()).isEqualTo("appointment-not-pending");
        }
        UUID again = appointments.requestAppointment(new RequestAppointmentRequest().slotId(slot.toString()), null, patient)
                .getAppointmentId();
        assertThat(again).isNotEqualTo(appointmentId);
    }

    private List<String> publicSlots(UUID doctorId) throws Exception {
        return new AgendasApi(queryClient).getPublicAgenda(doctorId.toString(), null, null, consistency).getSlots()
                .stream().map(FreeSlotView::getSlotId).toList();
    }

    /** Expiry is the system's doing, not a client's command: no token to wait for, so the read is repeated. */
    private static AppointmentView awaitStatus(br.com.healthmed.client.query.api.AppointmentsApi reads, UUID appointmentId,
                                               Map<String, String> patient, AppointmentView.StatusEnum status) throws Exception {
        Instant giveUp = Instant.now().plus(WAIT);
        AppointmentView view = reads.getAppointment(appointmentId.toString(), null, patient);
        while (view.getStatus() != status) {
            if (Instant.now().isAfter(giveUp)) {
                fail("appointment %s is still %s after %s, not %s", appointmentId, view.getStatus(), WAIT, status);
            }
            Thread.sleep(250);
            view = reads.getAppointment(appointmentId.toString(), null, patient);
        }
        return view;
    }

    private static Map<String, String> bearer(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken);
    }
}
