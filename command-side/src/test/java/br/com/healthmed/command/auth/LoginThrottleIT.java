package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static br.com.healthmed.command.auth.LoginIT.assertInvalidCredentials;
import static org.assertj.core.api.Assertions.assertThat;

/** Default limits: 5 failed logins per login name and 50 per client address, each within 15 minutes. */
@IntegrationTest
@Import(SecurityProbe.class)
class LoginThrottleIT extends AuthenticationTest {

    @Test
    void after_five_failures_even_the_right_password_gets_429_with_retry_after() {
        String email = patient();
        for (int i = 0; i < 5; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i));
        }

        HttpResponse<String> locked = login(email, PASSWORD);

        assertTooManyAttempts(locked);
    }

    @Test
    void a_success_before_the_limit_is_not_slowed_and_clears_the_failures() {
        String email = patient();
        Duration baseline = timed(() -> assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200));
        for (int i = 0; i < 4; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i));
        }

        Duration afterFailures = timed(() -> assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200));

        assertThat(afterFailures).isLessThan(baseline.multipliedBy(3).plusSeconds(1));
        for (int i = 0; i < 4; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i));
        }
        assertThat(login(email, PASSWORD).statusCode()).as("8 failures in the window, but a success in between").isEqualTo(200);
    }

    @Test
    void a_locked_login_name_does_not_lock_others_from_the_same_address() {
        String locked = patient();
        String other = patient();
        for (int i = 0; i < 5; i++) {
            login(locked, "wrong password");
        }
        assertTooManyAttempts(login(locked, PASSWORD));

        assertThat(login(other, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_login_name_is_locked_just_like_a_known_one() {
        String unknown = TestAccounts.email();
        for (int i = 0; i < 5; i++) {
            assertInvalidCredentials(login(unknown, "wrong password"));
        }

        assertTooManyAttempts(login(unknown, "wrong password"));
    }

    @Test
    void a_cpf_counts_as_one_login_name_with_or_without_punctuation() {
        String cpf = TestAccounts.cpf();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientCpf(new Cpf(cpf)));
        for (int i = 0; i < 3; i++) {
            assertInvalidCredentials(login(TestAccounts.punctuated(cpf), "wrong password"));
        }
        for (int i = 0; i < 2; i++) {
            assertInvalidCredentials(login(cpf, "wrong password"));
        }

        assertTooManyAttempts(login(cpf, PASSWORD));
    }

    @Test
    void the_counters_in_redis_name_neither_the_login_nor_the_address() {
        String email = patient();
        login(email, "wrong password");

        var keys = redis.keys("auth:throttle:*");

        assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(key)
                .matches("auth:throttle:(account|address):[0-9a-f]{64}")
                .doesNotContain(email)
                .doesNotContain("127.0.0.1"));
    }

    private String patient() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        return email;
    }

    private HttpResponse<String> login(String login, String password) {
        return api.post("/api/auth/patient/login", Map.of("login", login, "password", password));
    }

    static void assertTooManyAttempts(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.body(response).get("code").asText()).isEqualTo("too-many-login-attempts");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
