package br.com.healthmed.query.flow;

import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.query.support.BothSidesInitializer;
import br.com.healthmed.testing.TotpCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product end to end: the real command side (its packaged jar, its own process) takes the commands, this query side
 * builds its views from the same event store, and every read passes back the command's consistency token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BothSidesInitializer.class)
class BothSidesEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "senha-e2e-bem-longa";

    @LocalServerPort
    int queryPort;

    String commands;
    String queries;
    String lastToken;

    @BeforeEach
    void urls() {
        commands = BothSidesInitializer.commandSideUrl();
        queries = "http://localhost:" + queryPort;
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    private Reply send(String method, String url, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            request.header("Content-Type", "application/json");
            if ("GET".equals(method) && lastToken != null) {
                request.header("X-Consistency-Token", lastToken);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-Consistency-Token").ifPresent(token1 -> lastToken = token1);
            String text = response.body();
            return new Reply(response.statusCode(), text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply command(String method, String path, String token, Object body, int expectedStatus) {
        Reply reply = send(method, commands + path, token, body);
        assertThat(reply.status()).as("%s %s: %s", method, path, reply.raw().body()).isEqualTo(expectedStatus);
        assertThat(reply.raw().headers().firstValue("X-Consistency-Token")).as("%s %s token", method, path).isPresent();
        return reply;
    }

    /** Registration answers 202 and names nobody (ADR 0033); the token of the mail confirms the e-mail. */
    private void registerPatient(Map<String, Object> registration) {
        Reply registered = send("POST", commands + "/api/patients", null, registration);
        assertThat(registered.status()).as("registration: %s", registered.raw().body()).isEqualTo(202);
        String token = SharedInfrastructure.mailbox().confirmationToken((String) registration.get("email"));
        command("POST", "/api/patients/confirmation", null, Map.of("token", token), 204);
    }

    private Reply query(String path, String token) {
        Reply reply = send("GET", queries + path, token, null);
        assertThat(reply.status()).as("GET %s: %s", path, reply.raw().body()).isEqualTo(200);
        return reply;
    }

    /** Password, then the challenge answered with a code no earlier login of this JVM used (ADR 0024). */
    private String adminLogin() {
        Reply challenge = send("POST", commands + "/api/auth/admin/login", null, Map.of("email",
                BothSidesInitializer.ADMIN_EMAIL, "password", BothSidesInitializer.ADMIN_PASSWORD));
        assertThat(challenge.text("code")).as("admin login: %s", challenge.raw().body()).isEqualTo("mfa-required");
        return login("/api/auth/mfa", Map.of("challengeToken", challenge.text("challengeToken"),
                "code", TotpCodes.nextCode(BothSidesInitializer.ADMIN_TOTP_SECRET)));
    }

    private String login(String path, Map<String, Object> credentials) {
        Reply reply = send("POST", commands + path, null, credentials);
        assertThat(reply.status()).as("login %s: %s", path, reply.raw().body()).isEqualTo(200);
        return reply.text("accessToken");
    }

    private static String cpf() {
        int[] d = new int[11];
        for (int i = 0; i < 9; i++) {
            d[i] = ThreadLocalRandom.current().nextInt(10);
        }
        d[0] = 1 + ThreadLocalRandom.current().nextInt(9);
        d[1] = (d[0] + 1) % 10;
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

    private Map<String, Object> patient(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("email", name.toLowerCase().replace(' ', '.') + "." + System.nanoTime() + "@e2e.test");
        body.put("cpf", cpf());
        body.put("password", PASSWORD);
        return body;
    }

    @Test
    void register_verify_publish_search_book_accept_reject_and_cancel_with_every_view_following() {
        String admin = adminLogin();
        String crm = Integer.toString(200000 + ThreadLocalRandom.current().nextInt(700000));
        Reply registered = command("POST", "/api/doctors", null, Map.of("name", "Dra. Sofia Andrade", "crm", crm, "uf", "PE",
                "email", "sofia." + crm + "@e2e.test", "specialty", "ENDOCRINOLOGIA_E_METABOLOGIA",
                "consultationPrice", 275.50, "timeZone", "America/Recife", "password", PASSWORD), 201);
        String doctorId = registered.text("doctorId");
        command("POST", "/api/admin/doctors/" + doctorId + "/verification", admin, null, 204);
        String doctor = login("/api/auth/doctor/login", Map.of("crm", crm, "uf", "PE", "password", PASSWORD));

        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(3).truncatedTo(ChronoUnit.DAYS).withHour(9);
        Reply slots = command("POST", "/api/doctors/me/slots", doctor, Map.of("start", first.toString(),
                "end", first.plusMinutes(30).toString()), 201);
        String slotId = slots.body().path("slotIds").get(0).asText();
        String secondSlot = command("POST", "/api/doctors/me/slots", doctor, Map.of("start", first.plusHours(1).toString(),
                "end", first.plusHours(1).plusMinutes(30).toString()), 201).body().path("slotIds").get(0).asText();

        // Search finds the verified doctor by specialty, with the right next free slot and price.
        JsonNode found = query("/api/doctors?specialty=ENDOCRINOLOGIA_E_METABOLOGIA", null).body().path("content");
        JsonNode sofia = null;
        for (JsonNode candidate : found) {
            if (candidate.path("id").asText().equals(doctorId)) {
                sofia = candidate;
            }
        }
        assertThat(sofia).as("doctor in search results: %s", found).isNotNull();
        assertThat(sofia.path("name").asText()).isEqualTo("Dra. Sofia Andrade");
        assertThat(sofia.path("price").path("amount").decimalValue()).isEqualByComparingTo("275.50");
        assertThat(OffsetDateTime.parse(sofia.path("nextFreeSlot").asText()).toInstant()).isEqualTo(first.toInstant());

        // A patient requests the first slot: it leaves the public agenda and shows as held in the doctor's own.
        Map<String, Object> maria = patient("Maria Clara");
        registerPatient(maria);
        String patient = login("/api/auth/patient/login", Map.of("login", maria.get("cpf"), "password", PASSWORD));
        String mariaId = HostileTokens.subjectOf(patient).toString();
        String appointmentId = command("POST", "/api/appointments", patient, Map.of("slotId", slotId), 201).text("appointmentId");

        String publicAgenda = query("/api/doctors/" + doctorId + "/agenda", null).raw().body();
        assertThat(publicAgenda).doesNotContain(slotId).contains(secondSlot);
        JsonNode own = query("/api/doctors/me/agenda", doctor).body().path("slots");
        JsonNode held = null;
        for (JsonNode slot : own) {
            if (slot.path("slotId").asText().equals(slotId)) {
                held = slot;
            }
        }
        assertThat(held).as("held slot in %s", own).isNotNull();
        assertThat(held.path("status").asText()).isEqualTo("HELD");
        assertThat(held.path("appointmentId").asText()).isEqualTo(appointmentId);
        assertThat(held.path("patientName").asText()).isEqualTo("Maria Clara");

        // The doctor accepts; both appointment lists follow.
        command("POST", "/api/appointments/" + appointmentId + "/accept", doctor, null, 200);
        JsonNode mine = query("/api/appointments/" + appointmentId, patient).body();
        assertThat(mine.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(mine.path("patient").path("id").asText()).isEqualTo(mariaId);
        assertThat(mine.path("price").path("amount").decimalValue()).isEqualByComparingTo("275.50");

        // Another patient asks for the second slot; the doctor rejects with a reason, the slot comes back.
        Map<String, Object> joao = patient("Joao Pedro");
        registerPatient(joao);
        String other = login("/api/auth/patient/login", Map.of("login", joao.get("email"), "password", PASSWORD));
        String rejectedId = command("POST", "/api/appointments", other, Map.of("slotId", secondSlot), 201).text("appointmentId");
        assertThat(query("/api/appointments", doctor).raw().body()).contains(rejectedId, appointmentId);
        command("POST", "/api/appointments/" + rejectedId + "/reject", doctor,
                Map.of("reason", "Horário reservado para uma cirurgia."), 200);
        JsonNode rejected = query("/api/appointments/" + rejectedId, other).body();
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejectReason").asText()).isEqualTo("Horário reservado para uma cirurgia.");
        assertThat(query("/api/doctors/" + doctorId + "/agenda", null).raw().body()).contains(secondSlot);

        // Maria cancels with a justification: her slot is public again and her list says why.
        command("POST", "/api/appointments/" + appointmentId + "/cancel", patient,
                Map.of("justification", "Vou viajar a trabalho nessa data."), 200);
        JsonNode cancelled = query("/api/appointments/" + appointmentId, patient).body();
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelJustification").asText()).isEqualTo("Vou viajar a trabalho nessa data.");
        assertThat(query("/api/doctors/" + doctorId + "/agenda", null).raw().body()).contains(slotId);

        // No patient ever sees another's appointment.
        assertThat(send("GET", queries + "/api/appointments/" + appointmentId, other, null).status()).isEqualTo(404);
    }
    private static String idOf(Reply reply) {
        return reply.body().path("slotIds").get(0).asText();
    }

    private String publish(String doctor, OffsetDateTime start) {
        return idOf(command("POST", "/api/doctors/me/slots", doctor, Map.of("start", start.toString(),
                "end", start.plusMinutes(30).toString()), 201));
    }

    private List<String> freeSlots(String doctorId) {
        List<String> free = new ArrayList<>();
        query("/api/doctors/" + doctorId + "/agenda", null).body().path("slots")
                .forEach(slot -> free.add(slot.path("slotId").asText()));
        return free;
    }

    /**
     * A patient moving her appointment and another patient booking race for the same slot, over HTTP against the real
     * command side: one wins, the other is told the slot is taken, and the public agenda, both lists and the doctor's
     * own agenda agree with the winner. Then the doctor moves the accepted appointment to another day.
     */
    @Test
    void a_reschedule_racing_a_booking_has_one_winner_and_every_view_shows_the_new_slot_and_frees_the_old()
            throws Exception {
        String admin = adminLogin();
        String crm = Integer.toString(200000 + ThreadLocalRandom.current().nextInt(700000));
        String doctorId = command("POST", "/api/doctors", null, Map.of("name", "Dr. Tiago Moura", "crm", crm, "uf", "BA",
                "email", "tiago." + crm + "@e2e.test", "specialty", "DERMATOLOGIA", "consultationPrice", 200.00,
                "timeZone", "America/Bahia", "password", PASSWORD), 201).text("doctorId");
        command("POST", "/api/admin/doctors/" + doctorId + "/verification", admin, null, 204);
        String doctor = login("/api/auth/doctor/login", Map.of("crm", crm, "uf", "BA", "password", PASSWORD));

        OffsetDateTime day = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(4).truncatedTo(ChronoUnit.DAYS);
        String first = publish(doctor, day.withHour(8));
        String anotherDay = publish(doctor, day.plusDays(1).withHour(8));
        Map<String, Object> ana = patient("Ana Beatriz");
        registerPatient(ana);
        String anaToken = login("/api/auth/patient/login", Map.of("login", ana.get("cpf"), "password", PASSWORD));
        String appointmentId = command("POST", "/api/appointments", anaToken, Map.of("slotId", first), 201)
                .text("appointmentId");
        command("POST", "/api/appointments/" + appointmentId + "/accept", doctor, null, 200);
        Map<String, Object> bruno = patient("Bruno Costa");
        registerPatient(bruno);
        String brunoToken = login("/api/auth/patient/login", Map.of("login", bruno.get("cpf"), "password", PASSWORD));

        String anasSlot = first;
        Set<String> brunosSlots = new HashSet<>();
        Set<String> published = new HashSet<>(List.of(first, anotherDay));
        for (int round = 0; round < 4; round++) {
            String contested = publish(doctor, day.withHour(9 + round));
            published.add(contested);
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<Reply> move = pool.submit(() -> {
                    go.await();
                    return send("POST", commands + "/api/appointments/" + appointmentId + "/reschedule", anaToken,
                            Map.of("slotId", contested));
                });
                Future<Reply> book = pool.submit(() -> {
                    go.await();
                    return send("POST", commands + "/api/appointments", brunoToken, Map.of("slotId", contested));
                });
                go.countDown();
                Reply moved = move.get();
                Reply booked = book.get();

                assertThat(List.of(moved.status(), booked.status())).as("round %d: %s / %s", round,
                        moved.raw().body(), booked.raw().body()).containsExactlyInAnyOrder(409,
                        moved.status() == 200 ? 200 : 201);
                Reply loser = moved.status() == 409 ? moved : booked;
                assertThat(loser.text("code")).isEqualTo("slot-unavailable");
                Reply winner = moved.status() == 409 ? booked : moved;
                lastToken = winner.raw().headers().firstValue("X-Consistency-Token").orElseThrow();
                if (winner == moved) {
                    assertThat(moved.text("status")).isEqualTo("REQUESTED");
                    anasSlot = contested;
                } else {
                    brunosSlots.add(contested);
                    // Accepted, Bruno's win stops counting against his cap of pending requests (3 by default), which
                    // four straight wins would otherwise reach.
                    command("POST", "/api/appointments/" + booked.text("appointmentId") + "/accept", doctor, null, 200);
                }
            }
            Set<String> expectedFree = new HashSet<>(published);
            expectedFree.remove(anasSlot);
            expectedFree.removeAll(brunosSlots);
            assertThat(freeSlots(doctorId)).as("round %d", round).containsExactlyInAnyOrderElementsOf(expectedFree);
            JsonNode anas = query("/api/appointments/" + appointmentId, anaToken).body();
            assertThat(anas.path("slotId").asText()).isEqualTo(anasSlot);
        }

        // Whoever won, the doctor now moves Ana's appointment to the next day: accepted it stays, the views follow.
        JsonNode anas = query("/api/appointments/" + appointmentId, anaToken).body();
        if (!anas.path("status").asText().equals("ACCEPTED")) {
            command("POST", "/api/appointments/" + appointmentId + "/accept", doctor, null, 200);
        }
        String leftSlot = anasSlot;
        Reply moved = command("POST", "/api/appointments/" + appointmentId + "/reschedule", doctor,
                Map.of("slotId", anotherDay), 200);
        assertThat(moved.text("status")).isEqualTo("ACCEPTED");
        JsonNode seenByAna = query("/api/appointments/" + appointmentId, anaToken).body();
        assertThat(seenByAna.path("slotId").asText()).isEqualTo(anotherDay);
        assertThat(seenByAna.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(seenByAna.path("rescheduledBy").asText()).isEqualTo("DOCTOR");
        assertThat(OffsetDateTime.parse(seenByAna.path("start").asText()).toInstant())
                .isEqualTo(day.plusDays(1).withHour(8).toInstant());
        assertThat(freeSlots(doctorId)).contains(leftSlot).doesNotContain(anotherDay);
        JsonNode own = query("/api/doctors/me/agenda", doctor).body().path("slots");
        for (JsonNode slot : own) {
            if (slot.path("slotId").asText().equals(anotherDay)) {
                assertThat(slot.path("status").asText()).isEqualTo("HELD");
                assertThat(slot.path("appointmentId").asText()).isEqualTo(appointmentId);
            }
            if (slot.path("slotId").asText().equals(leftSlot)) {
                assertThat(slot.path("status").asText()).isEqualTo("FREE");
            }
        }
        assertThat(query("/api/appointments", doctor).raw().body()).contains(anotherDay);
    }
}
