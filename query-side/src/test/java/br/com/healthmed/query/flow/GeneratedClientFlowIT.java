package br.com.healthmed.query.flow;

import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.client.command.api.AdministrationApi;
import br.com.healthmed.client.command.api.AppointmentsApi;
import br.com.healthmed.client.command.api.AuthenticationApi;
import br.com.healthmed.client.command.api.DoctorScheduleApi;
import br.com.healthmed.client.command.api.DoctorsApi;
import br.com.healthmed.client.command.api.PatientsApi;
import br.com.healthmed.client.command.model.AppointmentOutcome;
import br.com.healthmed.client.command.model.AppointmentRequested;
import br.com.healthmed.client.command.model.CancelRequest;
import br.com.healthmed.client.command.model.DoctorLoginRequest;
import br.com.healthmed.client.command.model.MfaLoginRequest;
import br.com.healthmed.client.command.model.PatientLoginRequest;
import br.com.healthmed.client.command.model.PublishRequest;
import br.com.healthmed.client.command.model.RegisterDoctorRequest;
import br.com.healthmed.client.command.model.EmailConfirmationRequest;
import br.com.healthmed.client.command.model.RegisterPatientRequest;
import br.com.healthmed.client.command.model.RequestAppointmentRequest;
import br.com.healthmed.client.command.model.StaffLoginRequest;
import br.com.healthmed.client.query.api.AgendasApi;
import br.com.healthmed.client.query.api.AuditApi;
import br.com.healthmed.client.query.model.AppointmentView;
import br.com.healthmed.client.query.model.DoctorView;
import br.com.healthmed.client.query.model.Entry;
import br.com.healthmed.client.query.model.History;
import br.com.healthmed.query.support.BothSidesInitializer;
import br.com.healthmed.testing.DocumentedProblems;
import br.com.healthmed.testing.TotpCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README walkthrough through Java clients generated from the committed specs (module api-client, ADR 0017), against
 * the packaged command side and this query side: if the spec and the API drift apart, a call here breaks. Each kind of
 * refusal is asserted as the typed Problem with its code, and that code as listed for the operation in the spec.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BothSidesInitializer.class)
class GeneratedClientFlowIT {

    private static final String PASSWORD = "senha-do-cliente-gerado";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int queryPort;
    @Autowired
    EventProcessingConfiguration processing;

    /** The last command's X-Consistency-Token, passed back on every read (read-your-writes). */
    String consistency;
    br.com.healthmed.client.command.ApiClient commandClient;
    br.com.healthmed.client.query.ApiClient queryClient;

    @BeforeEach
    void clients() {
        URI commands = URI.create(BothSidesInitializer.commandSideUrl());
        commandClient = new br.com.healthmed.client.command.ApiClient()
                .setScheme(commands.getScheme()).setHost(commands.getHost()).setPort(commands.getPort())
                .setResponseInterceptor(response -> response.headers().firstValue("X-Consistency-Token")
                        .ifPresent(token -> consistency = token));
        queryClient = new br.com.healthmed.client.query.ApiClient().setHost("localhost").setPort(queryPort);
    }

    @Test
    void the_walkthrough_runs_through_the_generated_clients_and_every_refusal_is_a_typed_problem() throws Exception {
        var auth = new AuthenticationApi(commandClient);
        String challenge;
        try {
            auth.adminLogin(new StaffLoginRequest().email(BothSidesInitializer.ADMIN_EMAIL)
                    .password(BothSidesInitializer.ADMIN_PASSWORD));
            throw new AssertionError("an ADMIN's password alone must not log in");
        } catch (br.com.healthmed.client.command.ApiException e) {
            assertThat(e.getCode()).isEqualTo(401);
            JsonNode problem = JSON.readTree(e.getResponseBody());
            assertThat(problem.path("code").asText()).isEqualTo("mfa-required");
            challenge = problem.path("challengeToken").asText();
        }
        Map<String, String> admin = bearer(auth.completeMfaLogin(new MfaLoginRequest().challengeToken(challenge)
                .code(TotpCodes.nextCode(BothSidesInitializer.ADMIN_TOTP_SECRET))).getAccessToken());

        // register and verify a doctor, who publishes two slots
        String crm = Integer.toString(200000 + ThreadLocalRandom.current().nextInt(700000));
        UUID doctorId = new DoctorsApi(commandClient).registerDoctor(new RegisterDoctorRequest().name("Dra. Cecília Prado")
                .crm(crm).uf("BA").email("cecilia." + crm + "@client.test").specialty("NEUROLOGIA")
                .consultationPrice(new BigDecimal("310.00")).timeZone("America/Bahia").password(PASSWORD)).getDoctorId();
        new AdministrationApi(commandClient).verifyDoctor(doctorId, admin);
        Map<String, String> doctor = bearer(auth.doctorLogin(new DoctorLoginRequest().crm(crm).uf("BA").password(PASSWORD)).getAccessToken());
        var schedule = new DoctorScheduleApi(commandClient);
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(4).truncatedTo(ChronoUnit.DAYS).withHour(10);
        UUID slot = schedule.publishSlots(new PublishRequest().start(first).end(first.plusMinutes(30)), null, doctor).getSlotIds().getFirst();
        UUID otherSlot = schedule.publishSlots(new PublishRequest().start(first.plusHours(1)).end(first.plusHours(1).plusMinutes(30)),
                null, doctor).getSlotIds().getFirst();

        // search finds the doctor with the first slot as the next free one; the public agenda offers it
        DoctorView found = new br.com.healthmed.client.query.api.DoctorsApi(queryClient)
                .searchDoctors("NEUROLOGIA", "Cecília", null, null, null, null, consistency).getContent().stream()
                .filter(view -> view.getId().equals(doctorId.toString())).findFirst().orElseThrow();
        assertThat(found.getPrice().getAmount()).isEqualByComparingTo("310.00");
        assertThat(found.getNextFreeSlot().toInstant()).isEqualTo(first.toInstant());
        assertThat(new AgendasApi(queryClient).getPublicAgenda(doctorId.toString(), null, null, consistency).getSlots())
                .extracting(free -> free.getSlotId()).contains(slot.toString(), otherSlot.toString());

        // a patient registers, confirms the e-mail with the token of the mail (ADR 0033), logs in with the CPF and books
        // with an Idempotency-Key; the retry is the same booking
        String cpf = cpf();
        String email = "otavio." + cpf + "@client.test";
        var patients = new PatientsApi(commandClient);
        assertThat(patients.registerPatient(new RegisterPatientRequest().name("Otávio Reis")
                .email(email).cpf(cpf).password(PASSWORD)).getStatus()).isEqualTo("confirmation-sent");
        patients.confirmPatientEmail(new EmailConfirmationRequest().token(SharedInfrastructure.mailbox().confirmationToken(email)));
        Map<String, String> patient = bearer(auth.patientLogin(new PatientLoginRequest().login(cpf).password(PASSWORD)).getAccessToken());
        var appointments = new AppointmentsApi(commandClient);
        String key = UUID.randomUUID().toString();
        AppointmentRequested booked = appointments.requestAppointment(new RequestAppointmentRequest().slotId(slot.toString()), key, patient);
        assertThat(booked.getStatus()).isEqualTo(AppointmentRequested.StatusEnum.REQUESTED);
        assertThat(appointments.requestAppointment(new RequestAppointmentRequest().slotId(slot.toString()), key, patient)
                .getAppointmentId()).isEqualTo(booked.getAppointmentId());
        UUID appointmentId = booked.getAppointmentId();

        // the doctor accepts; the patient reads it accepted
        assertThat(appointments.acceptAppointment(appointmentId, doctor).getStatus()).isEqualTo(AppointmentOutcome.StatusEnum.ACCEPTED);
        var reads = new br.com.healthmed.client.query.api.AppointmentsApi(queryClient);
        assertThat(reads.getAppointment(appointmentId.toString(), consistency, patient).getStatus())
                .isEqualTo(AppointmentView.StatusEnum.ACCEPTED);

        // one refusal of each kind, typed, with its code, and that code listed for the operation in the spec
        refused(400, "cpf-invalid", "command-side", "POST", "/api/patients", () -> new PatientsApi(commandClient)
                .registerPatient(new RegisterPatientRequest().name("Ana").email("ana@client.test").cpf("123").password(PASSWORD)));
        refused(401, "unauthenticated", "command-side", "POST", "/api/admin/doctors/" + doctorId + "/verification",
                () -> new AdministrationApi(commandClient).verifyDoctor(doctorId));
        refused(403, "forbidden", "command-side", "POST", "/api/admin/doctors/" + doctorId + "/verification",
                () -> new AdministrationApi(commandClient).verifyDoctor(doctorId, patient));
        UUID unknown = UUID.randomUUID();
        refused(404, "appointment-not-found", "command-side", "POST", "/api/appointments/" + unknown + "/accept",
                () -> appointments.acceptAppointment(unknown, doctor));
        refused(404, "not-found", "query-side", "GET", "/api/appointments/" + unknown,
                () -> reads.getAppointment(unknown.toString(), null, patient));
        refused(409, "slot-unavailable", "command-side", "POST", "/api/appointments",
                () -> appointments.requestAppointment(new RequestAppointmentRequest().slotId(slot.toString()), null, patient));
        refused(422, "idempotency-key-reused", "command-side", "POST", "/api/appointments",
                () -> appointments.requestAppointment(new RequestAppointmentRequest().slotId(otherSlot.toString()), key, patient));
        for (int attempt = 0; attempt < 5; attempt++) {
            refused(401, "invalid-credentials", "command-side", "POST", "/api/auth/patient/login",
                    () -> auth.patientLogin(new PatientLoginRequest().login("otavio." + cpf + "@client.test").password("wrong-" + key)));
        }
        refused(429, "too-many-login-attempts", "command-side", "POST", "/api/auth/patient/login",
                () -> auth.patientLogin(new PatientLoginRequest().login("otavio." + cpf + "@client.test").password("wrong-" + key)));
        refused(400, "consistency-token-ahead", "query-side", "GET", "/api/appointments/" + appointmentId,
                () -> reads.getAppointment(appointmentId.toString(), Long.toString(Long.MAX_VALUE / 2), patient));

        // the patient cancels with a justification; the slot is public again. While the appointments view is held
        // back, a read that asks for the cancellation is refused as projections-behind, not answered stale.
        EventProcessor appointmentsView = processing.eventProcessor("appointments").orElseThrow();
        appointmentsView.shutDown();
        AppointmentOutcome cancelled;
        try {
            cancelled = appointments.cancelAppointment(appointmentId,
                    new CancelRequest().justification("Não poderei comparecer neste horário."), patient);
            refused(503, "projections-behind", "query-side", "GET", "/api/appointments/" + appointmentId,
                    () -> reads.getAppointment(appointmentId.toString(), consistency, patient));
        } finally {
            appointmentsView.start();
        }
        assertThat(cancelled.getStatus()).isEqualTo(AppointmentOutcome.StatusEnum.CANCELLED);
        assertThat(new AgendasApi(queryClient).getPublicAgenda(doctorId.toString(), null, null, consistency).getSlots())
                .extracting(free -> free.getSlotId()).contains(slot.toString());

        // an auditor (the admin) reads the appointment's history, who did what
        History history = new AuditApi(queryClient).getAppointmentHistory(appointmentId, null, consistency, admin);
        assertThat(history.getEvents()).extracting(Entry::getRole).contains("PATIENT", "DOCTOR");
        assertThat(history.getEvents()).extracting(Entry::getType)
                .containsSubsequence("AppointmentRequestedEvent", "AppointmentAcceptedEvent", "AppointmentCancelledEvent");
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Runs a call that must be refused; checks the typed problem and that the spec lists its code there. */
    private void refused(int status, String code, String side, String method, String path, Call call) throws IOException {
        boolean singleField;
        try {
            call.run();
            throw new AssertionError(method + " " + path + " was not refused");
        } catch (br.com.healthmed.client.command.ApiException e) {
            var problem = commandClient.getObjectMapper().readValue(e.getResponseBody(),
                    br.com.healthmed.client.command.model.Problem.class);
            assertProblem(status, code, e.getCode(), problem.getCode(), e.getResponseHeaders().firstValue("Retry-After").isPresent());
            singleField = problem.getErrors() != null && problem.getErrors().size() == 1
                    && code.equals(problem.getErrors().getFirst().getCode());
        } catch (br.com.healthmed.client.query.ApiException e) {
            var problem = queryClient.getObjectMapper().readValue(e.getResponseBody(),
                    br.com.healthmed.client.query.model.Problem.class);
            assertProblem(status, code, e.getCode(), problem.getCode(), e.getResponseHeaders().firstValue("Retry-After").isPresent());
            singleField = problem.getErrors() != null && problem.getErrors().size() == 1
                    && code.equals(problem.getErrors().getFirst().getCode());
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed outside the API", e);
        }
        JsonNode spec = JSON.readTree(Files.readString(Path.of("..", "docs", "openapi", side + ".json")));
        assertThat(DocumentedProblems.undocumented(spec, new DocumentedProblems.Answer(0, method, path, status, code, singleField)))
                .as("%s %s %d %s in docs/openapi/%s.json", method, path, status, code, side).isEmpty();
    }

    private static void assertProblem(int status, String code, int actualStatus, String actualCode, boolean retryAfter) {
        assertThat(actualStatus).as("status of %s", code).isEqualTo(status);
        assertThat(actualCode).isEqualTo(code);
        if (status == 429 || status == 503) {
            assertThat(retryAfter).as("Retry-After on %d %s", status, code).isTrue();
        }
    }

    private static Map<String, String> bearer(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    private static String cpf() {
        int[] d = new int[11];
        for (int i = 0; i < 9; i++) {
            d[i] = ThreadLocalRandom.current().nextInt(10);
        }
        d[0] = 1 + ThreadLocalRandom.current().nextInt(9);
        d[1] = (d[0] + 2) % 10;
        for (int length = 9; length <= 10; length++) {
            int sum = 0;
            for (int i = 0; i < length; i++) {
                sum += d[i] * (length + 1 - i);
            }
            d[length] = (sum * 10) % 11 % 10;
        }
        StringBuilder text = new StringBuilder();
        for (int digit : d) {
            text.append(digit);
        }
        return text.toString();
    }
}
