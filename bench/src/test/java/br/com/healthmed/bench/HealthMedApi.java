package br.com.healthmed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public HTTP API, as the benchmark's seeding and checks use it: the same requests a newcomer sends with curl
 * (README's walkthrough), nothing behind the API's back.
 */
final class HealthMedApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** ./run.sh's mail API (LocalMail): every mail the command side sent, by recipient. */
    private static final String MAIL_API = System.getenv().getOrDefault("BENCH_MAIL_API_URL",
            "http://127.0.0.1:" + System.getenv().getOrDefault("HEALTHMED_MAIL_API_PORT", "18025"));
    private static final Pattern CONFIRMATION_TOKEN = Pattern.compile("\\{\"token\": \"([A-Za-z0-9_-]+)\"}");

    private final URI commandUrl;
    private final URI queryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HealthMedApi(URI commandUrl, URI queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    /** An answer that is not the one the step needs: the seeding cannot go on meaningfully. */
    static final class UnexpectedAnswer extends RuntimeException {
        final int status;

        UnexpectedAnswer(String what, int status, String body) {
            super(what + " answered " + status + ": " + abbreviated(body));
            this.status = status;
        }

        private static String abbreviated(String body) {
            return body.length() > 400 ? body.substring(0, 400) + "…" : body;
        }
    }

    /** An answer; status 0 when none came (refused, reset, timed out). */
    record Answer(int status, JsonNode body, String consistencyToken, String retryAfter) {

        String code() {
            return body.path("code").asText();
        }
    }

    /** Sends again as a well-behaved client does (Retry-After, back-off), for at most a minute per request. */
    private static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofSeconds(60));

    /**
     * Password, then the second factor (ADR 0024). A code refused as used (another process of this run logged in
     * within the same 30 seconds) is followed by a code of a later step, up to three times.
     */
    String adminLogin(String email, String password, String totpSecret) {
        String challenge = post("/api/auth/admin/login", null, Map.of("email", email, "password", password), 401)
                .body().path("challengeToken").asText();
        String code = BenchTotp.next(totpSecret);
        for (int attempt = 1; ; attempt++) {
            Answer answer = post("/api/auth/mfa", null, Map.of("challengeToken", challenge, "code", code), Map.of());
            if (answer.status() == 200) {
                return answer.body().path("accessToken").asText();
            }
            if (attempt == 3 || !"mfa-code-invalid".equals(answer.body().path("code").asText())) {
                throw new UnexpectedAnswer("POST /api/auth/mfa", answer.status(), String.valueOf(answer.body()));
            }
            code = BenchTotp.codeAfter(totpSecret, BenchTotp.lastStep());
        }
    }

    /** Logging in again changes nothing a client relies on: retried without a key. */
    String doctorLogin(String crm, String uf, String password) {
        String what = "POST /api/auth/doctor/login";
        return expect(what, retrying(what,
                () -> post("/api/auth/doctor/login", null, Map.of("crm", crm, "uf", uf, "password", password), Map.of())), 200)
                .body().path("accessToken").asText();
    }

    /** An access token (15 minutes) and the refresh token that renews it without hashing the password again. */
    record Tokens(String accessToken, String refreshToken) {
    }

    Tokens patientLogin(String login, String password) {
        return tokens(post("/api/auth/patient/login", null, Map.of("login", login, "password", password), 200));
    }

    Tokens refresh(String refreshToken) {
        return tokens(post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken), 200));
    }

    private static Tokens tokens(Answer answer) {
        return new Tokens(answer.body().path("accessToken").asText(), answer.body().path("refreshToken").asText());
    }

    UUID registerDoctor(Map<String, Object> registration) {
        return UUID.fromString(post("/api/doctors", null, registration, 201).body().path("doctorId").asText());
    }

    /** Retried; an attempt whose answer was lost may have verified the doctor already, which the retry then hears. */
    void verifyDoctor(String adminToken, UUID doctorId) {
        String path = "/api/admin/doctors/" + doctorId + "/verification";
        int[] attempts = {0};
        Answer answer = retrying("POST " + path, () -> {
            attempts[0]++;
            return post(path, adminToken, null, Map.of());
        });
        if (!(answer.status() == 204 || attempts[0] > 1 && answer.status() == 409 && "doctor-already-verified".equals(answer.code()))) {
            throw new UnexpectedAnswer("POST " + path, answer.status(), String.valueOf(answer.body()));
        }
    }

    /**
     * Publishes one weekly pattern with an Idempotency-Key, retried with the same key (a 503 command-outcome-unknown on
     * a busy machine no longer stops the seeding); answers the new slot ids in chronological order.
     */
    List<UUID> publishWeeklyPattern(String doctorToken, Map<String, Object> pattern) {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String what = "POST /api/doctors/me/slots";
        JsonNode ids = expect(what, retrying(what,
                () -> post("/api/doctors/me/slots", doctorToken, Map.of("weeklyPattern", pattern), key)), 201)
                .body().path("slotIds");
        List<UUID> slotIds = new ArrayList<>(ids.size());
        ids.forEach(id -> slotIds.add(UUID.fromString(id.asText())));
        return slotIds;
    }

    /**
     * Registers (202, the same answer for free and taken data, ADR 0033) and confirms the e-mail with the token the
     * confirmation mail carries, read from {@code ./run.sh}'s mail API as the README's walkthrough does.
     */
    void registerPatient(Map<String, Object> registration) {
        post("/api/patients", null, registration, 202);
        post("/api/patients/confirmation", null, Map.of("token", confirmationToken((String) registration.get("email"))), 204);
    }

    private String confirmationToken(String email) {
        URI mails = URI.create(MAIL_API + "/mails?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < giveUp) {
            Answer answer = send(HttpRequest.newBuilder(mails).timeout(TIMEOUT).GET().build());
            for (JsonNode mail : answer.body()) {
                Matcher token = CONFIRMATION_TOKEN.matcher(mail.path("text").asText());
                if (token.find()) {
                    return token.group(1);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the confirmation mail", e);
            }
        }
        throw new UnexpectedAnswer("the confirmation mail to " + email + " at " + MAIL_API, 0, "none within 60 s");
    }

    /** A query-side read; with a consistency token it waits (503 + Retry-After) until the views include that write. */
    Answer query(String path, String token, String consistencyToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(queryUrl.resolve(path)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (consistencyToken != null) {
            request.header("X-Consistency-Token", consistencyToken);
        }
        return send(request.build());
    }

    /**
     * Waits until every projection of the query side has caught up with the head of the event stream, so that a
     * measurement does not share the CPU with the projection of the data just seeded; gives up after {@code atMost}
     * (a projection can be far slower than the seeding) and answers the events still to project, 0 when caught up.
     */
    long awaitProjectionsCaughtUp(String adminToken, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (true) {
            Answer answer = query("/actuator/processors", adminToken, null);
            if (answer.status() != 200) {
                throw new UnexpectedAnswer("GET /actuator/processors", answer.status(), String.valueOf(answer.body()));
            }
            long lag = 0;
            for (JsonNode processor : answer.body().path("processors")) {
                JsonNode processorLag = processor.path("lag");
                lag = Math.max(lag, processorLag.isNumber() ? processorLag.asLong() : Long.MAX_VALUE);
            }
            if (lag == 0 || Instant.now().isAfter(deadline)) {
                return lag;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    Answer post(String path, String token, Object body, int expectedStatus) {
        Answer answer = post(path, token, body, Map.of());
        if (answer.status() == 429 && String.valueOf(answer.body()).contains("too-many-registrations")) {
            throw new UnexpectedAnswer("POST " + path + " (the benchmark registers its users from one address: start"
                    + " ./run.sh with the abuse limits lifted, see docs/performance.md)", answer.status(),
                    String.valueOf(answer.body()));
        }
        if (answer.status() != expectedStatus) {
            throw new UnexpectedAnswer("POST " + path, answer.status(), String.valueOf(answer.body()));
        }
        return answer;
    }

    /**
     * {@code attempt} until its answer is final ({@link RetryPolicy}); no answer at all counts as status 0 while
     * retrying and is thrown as it came once the budget is spent.
     */
    static Answer retrying(String what, Supplier<Answer> attempt) {
        Instant first = Instant.now();
        for (int attempts = 1; ; attempts++) {
            Answer answer;
            UncheckedIOException unanswered = null;
            try {
                answer = attempt.get();
            } catch (UncheckedIOException e) {
                unanswered = e;
                answer = new Answer(0, JSON.nullNode(), null, null);
            }
            Optional<Duration> pause = RETRIES.pauseBefore(attempts, answer.status(), answer.retryAfter(),
                    Duration.between(first, Instant.now()), ThreadLocalRandom.current().nextDouble());
            if (pause.isEmpty()) {
                if (unanswered != null) {
                    throw unanswered;
                }
                return answer;
            }
            System.out.println("[bench] " + what + " answered " + (answer.status() == 0 ? "nothing" : answer.status() + " "
                    + answer.code()) + "; again in " + pause.get().toMillis() + " ms");
            sleep(pause.get());
        }
    }

    private static Answer expect(String what, Answer answer, int expectedStatus) {
        if (answer.status() != expectedStatus) {
            throw new UnexpectedAnswer(what, answer.status(), String.valueOf(answer.body()));
        }
        return answer;
    }

    Answer post(String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(commandUrl.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.nullNode() : readOrText(text);
            return new Answer(response.statusCode(), body,
                    response.headers().firstValue("X-Consistency-Token").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode readOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
