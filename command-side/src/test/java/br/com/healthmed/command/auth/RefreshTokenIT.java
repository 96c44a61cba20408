package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static br.com.healthmed.command.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@Import(SecurityProbe.class)
class RefreshTokenIT extends AuthenticationTest {

    @Test
    void a_refresh_token_is_exchanged_for_a_new_pair() {
        Login login = newPatientLogin();

        HttpResponse<String> response = refresh(login.refreshToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode pair = Api.body(response);
        assertThat(pair.get("refreshToken").asText()).isNotEqualTo(login.refreshToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(pair.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(pair.get("expiresIn").asLong()).isEqualTo(900);
        JsonNode me = Api.body(api.get("/api/probe/me", "Authorization", bearer(pair.get("accessToken").asText())));
        assertThat(me.get("userId").asText()).isEqualTo(login.accountId().toString());
        assertThat(me.get("role").asText()).isEqualTo("PATIENT");
    }

    @Test
    void a_used_refresh_token_is_refused_as_reused() {
        Login login = newPatientLogin();
        assertThat(refresh(login.refreshToken()).statusCode()).isEqualTo(200);

        assertProblem(refresh(login.refreshToken()), 401, "refresh-token-reused");
    }

    @Test
    void reuse_revokes_the_whole_login_including_the_token_issued_by_the_rotation() {
        Login login = newPatientLogin();
        String second = Api.body(refresh(login.refreshToken())).get("refreshToken").asText();

        assertProblem(refresh(login.refreshToken()), 401, "refresh-token-reused");

        assertProblem(refresh(second), 401, "refresh-token-invalid");
    }

    @Test
    void revoking_one_login_leaves_the_same_account_s_other_logins_alone() {
        Login first = newPatientLogin();
        String otherLogin = login(first.email());
        assertThat(refresh(first.refreshToken()).statusCode()).isEqualTo(200);
        assertProblem(refresh(first.refreshToken()), 401, "refresh-token-reused");

        assertThat(refresh(otherLogin).statusCode()).isEqualTo(200);
    }

    @Test
    void of_simultaneous_refreshes_with_one_token_exactly_one_succeeds() throws Exception {
        Login login = newPatientLogin();
        int attempts = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                Callable<HttpResponse<String>> attempt = () -> {
                    start.await();
                    return refresh(login.refreshToken());
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertThat(statuses).containsOnly(200, 401);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        }
    }

    @Test
    void after_logout_the_refresh_token_is_refused_and_logging_out_again_is_harmless() {
        Login login = newPatientLogin();

        HttpResponse<String> logout = api.post("/api/auth/logout", Map.of("refreshToken", login.refreshToken()));

        assertThat(logout.statusCode()).isEqualTo(204);
        assertProblem(refresh(login.refreshToken()), 401, "refresh-token-invalid");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", login.refreshToken())).statusCode()).isEqualTo(204);
    }

    @Test
    void logout_with_a_rotated_token_ends_the_login_it_belongs_to() {
        Login login = newPatientLogin();
        String second = Api.body(refresh(login.refreshToken())).get("refreshToken").asText();

        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", second)).statusCode()).isEqualTo(204);

        assertProblem(refresh(second), 401, "refresh-token-invalid");
    }

    @Test
    void logout_with_an_unknown_token_answers_204() {
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", "unknown")).statusCode()).isEqualTo(204);
        assertThat(api.post("/api/auth/logout", "{}").statusCode()).isEqualTo(204);
    }

    @Test
    void unknown_or_missing_refresh_tokens_are_invalid() {
        assertProblem(refresh("A".repeat(43)), 401, "refresh-token-invalid");
        assertProblem(api.post("/api/auth/refresh", "{}"), 401, "refresh-token-invalid");
    }

    @Test
    void once_the_account_is_erased_its_refresh_tokens_stop_working() {
        Login login = newPatientLogin();

        registry.remove(login.accountId());

        assertProblem(refresh(login.refreshToken()), 401, "refresh-token-invalid");
    }

    @Test
    void redis_holds_only_the_hash_of_a_refresh_token_with_its_lifetimes() {
        Login login = newPatientLogin();

        var tokenKeys = redis.keys("auth:refresh:token:*");
        assertThat(tokenKeys).isNotEmpty().noneMatch(key -> key.contains(login.refreshToken()));
        String ownKey = "auth:refresh:token:" + sha256(login.refreshToken());
        assertThat(tokenKeys).contains(ownKey);
        assertThat(redis.opsForHash().values(ownKey)).noneMatch(value -> value.toString().contains(login.refreshToken()));
        assertThat(Duration.ofSeconds(redis.getExpire(ownKey))).isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));
        String family = (String) redis.opsForHash().get(ownKey, "family");
        assertThat(Duration.ofSeconds(redis.getExpire("auth:refresh:family:" + family)))
                .isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
    }

    private Login newPatientLogin() {
        String email = TestAccounts.email();
        UUID accountId = accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        return new Login(accountId, email, login(email));
    }

    private String login(String email) {
        HttpResponse<String> response = api.post("/api/auth/patient/login", Map.of("login", email, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.body(response).get("refreshToken").asText();
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return api.post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.body(response).get("code").asText()).isEqualTo(code);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Login(UUID accountId, String email, String refreshToken) {
    }
}
