package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.privacy.PrivacyProperties;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.MovableClock;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static br.com.healthmed.command.auth.LoginIT.assertInvalidCredentials;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default limits: 5 failed logins per login name and 50 per client address, each within 15 minutes.
 * <p>
 * The throttle holds a login back in one way only: it refuses the attempt and says how long to wait (429 and
 * Retry-After). So "not slowed" is checked on that decision and on the counters it is taken from, never by timing a
 * request, which a loaded machine would make flaky.
 */
@IntegrationTest
@Import(SecurityProbe.class)
class LoginThrottleIT extends AuthenticationTest {

    @Autowired
    LoginThrottleProperties limits;

    @Autowired
    PrivacyProperties privacy;

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
    void a_correct_password_after_failures_here_and_elsewhere_below_the_limit_is_let_through_and_clears_them() {
        String email = patient();
        for (int i = 0; i < 2; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i, null));
        }
        for (int i = 0; i < 2; i++) {
            assertInvalidCredentials(login(email, "wrong password", "203.0.113." + (20 + i)));
        }

        HttpResponse<String> success = login(email, PASSWORD);

        assertThat(success.statusCode()).as(success.body()).isEqualTo(200);
        assertThat(success.headers().firstValue("Retry-After")).isEmpty();
        assertThat(redis.keys("auth:throttle:account:*")).as("the login name's failures are forgotten").isEmpty();
        assertThat(failuresPerAddress()).as("each address keeps its own failures; the success is not one of them")
                .containsExactlyInAnyOrder(2L, 1L, 1L);
        for (int i = 0; i < 4; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i));
        }
        assertThat(login(email, PASSWORD).statusCode()).as("8 failures in the window, but a success in between").isEqualTo(200);
    }

    @Test
    void failures_of_other_login_names_from_the_same_address_do_not_hold_back_a_correct_password() {
        String email = patient();
        for (int i = 0; i < 10; i++) {
            assertInvalidCredentials(login(TestAccounts.email(), "wrong password"));
        }

        HttpResponse<String> success = login(email, PASSWORD);

        assertThat(success.statusCode()).as(success.body()).isEqualTo(200);
        assertThat(success.headers().firstValue("Retry-After")).isEmpty();
        assertThat(failuresPerAddress()).containsExactly(10L);
    }

    @Test
    void the_wait_is_decided_by_the_injected_clock_and_ends_when_the_oldest_failure_leaves_the_window() {
        Instant start = Instant.parse("2030-01-07T12:00:00Z");
        MovableClock clock = new MovableClock(start);
        LoginThrottle throttle = new LoginThrottle(redis, limits, privacy, clock);
        String loginName = "PATIENT_EMAIL:" + TestAccounts.email();
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.acquire(loginName, "198.51.100." + i).refusedFor()).as("failure %d", i + 1).isEmpty();
            clock.moveTo(clock.instant().plus(Duration.ofMinutes(1)));
        }

        assertThat(throttle.acquire(loginName, "192.0.2.1").refusedFor()).contains(Duration.ofMinutes(10));
        clock.moveTo(start.plus(limits.accountWindow()).minusMillis(1));
        assertThat(throttle.acquire(loginName, "192.0.2.1").refusedFor()).contains(Duration.ofMillis(1));
        clock.moveTo(start.plus(limits.accountWindow()));
        LoginThrottle.Attempt next = throttle.acquire(loginName, "192.0.2.1");
        assertThat(next.refusedFor()).isEmpty();

        throttle.succeeded(next);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.acquire(loginName, "198.51.100.9").refusedFor()).as("after the success, failure %d", i + 1).isEmpty();
        }
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
        return login(login, password, null);
    }

    private HttpResponse<String> login(String login, String password, String forwardedFor) {
        Map<String, String> body = Map.of("login", login, "password", password);
        return forwardedFor == null
                ? api.post("/api/auth/patient/login", body)
                : api.post("/api/auth/patient/login", body, "X-Forwarded-For", forwardedFor);
    }

    /** How many attempts each client address has on its counter. */
    private List<Long> failuresPerAddress() {
        return redis.keys("auth:throttle:address:*").stream().map(key -> redis.opsForZSet().zCard(key)).toList();
    }

    static void assertTooManyAttempts(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.body(response).get("code").asText()).isEqualTo("too-many-login-attempts");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
    }
}
