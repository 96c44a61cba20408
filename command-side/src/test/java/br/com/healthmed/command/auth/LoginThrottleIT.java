package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.privacy.PrivacyProperties;
import br.com.healthmed.command.ratelimit.RateLimits;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static br.com.healthmed.command.auth.LoginIT.assertInvalidCredentials;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default limits: 5 failed logins per login name and address, 50 per address (each coming back over 15 minutes), and
 * for a login name from addresses it never logged in from, a burst of 10 and then one a minute (ADR 0021).
 * <p>
 * The throttle holds a login back in one way only: it refuses the attempt and says how long to wait (429 and
 * Retry-After). So "not slowed" is checked on that decision, never by timing a request, which a loaded machine would
 * make flaky. The test client is on loopback, a trusted proxy, so X-Forwarded-For names the client as a gateway would.
 */
@IntegrationTest
@Import(SecurityProbe.class)
class LoginThrottleIT extends AuthenticationTest {

    @Autowired
    LoginThrottleProperties limits;

    @Autowired
    PrivacyProperties privacy;

    @Autowired
    LettuceConnectionFactory connections;

    /** Issue 9, item 6: before, six failures from anywhere locked the account for 15 minutes, right password included. */
    @Test
    void failures_from_many_other_addresses_do_not_lock_out_the_right_password_from_a_known_client() {
        String email = patient();
        assertThat(login(email, PASSWORD, "198.51.100.1").statusCode()).as("the owner's usual client").isEqualTo(200);
        for (int address = 0; address < 6; address++) {
            for (int i = 0; i < 5; i++) {
                login(email, "guess " + i, "203.0.113." + (10 + address));
            }
        }

        HttpResponse<String> owner = login(email, PASSWORD, "198.51.100.1");

        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        assertThat(owner.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void a_guesser_spread_over_many_addresses_is_slowed_to_one_attempt_a_minute_not_locked_out_for_long() {
        String email = patient();
        for (int address = 0; address < 10; address++) {
            assertInvalidCredentials(login(email, "guess", "203.0.113." + (10 + address)));
        }

        HttpResponse<String> slowed = login(email, PASSWORD, "192.0.2.99");

        assertTooManyAttempts(slowed);
        assertThat(Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow()))
                .as("one attempt comes back every minute").isBetween(1L, 60L);
    }

    @Test
    void five_failures_from_one_address_slow_that_address_down_for_that_login_only() {
        String email = patient();
        for (int i = 0; i < 5; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i, "203.0.113.5"));
        }

        assertTooManyAttempts(login(email, PASSWORD, "203.0.113.5"));
        assertThat(login(email, PASSWORD, "203.0.113.6").statusCode()).as("another address").isEqualTo(200);
        assertThat(login(patient(), PASSWORD, "203.0.113.5").statusCode()).as("another login name").isEqualTo(200);
    }

    @Test
    void a_correct_password_clears_the_failures_of_its_login_and_address() {
        String email = patient();
        for (int i = 0; i < 4; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i, "203.0.113.5"));
        }

        assertThat(login(email, PASSWORD, "203.0.113.5").statusCode()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertInvalidCredentials(login(email, "wrong password " + i, "203.0.113.5"));
        }
        assertThat(login(email, PASSWORD, "203.0.113.5").statusCode()).as("8 failures in the window, but a success in between")
                .isEqualTo(200);
    }

    @Test
    void an_ipv6_client_counts_as_its_whole_slash_64() {
        String email = patient();
        for (int i = 1; i <= 5; i++) {
            assertInvalidCredentials(login(email, "guess", "2001:db8:aa:1::" + i));
        }

        assertTooManyAttempts(login(email, PASSWORD, "2001:db8:aa:1:ffff::7"));
        assertThat(login(email, PASSWORD, "2001:db8:aa:2::1").statusCode()).as("the next /64").isEqualTo(200);
    }

    @Test
    void failures_of_other_login_names_from_the_same_address_do_not_hold_back_a_correct_password() {
        String email = patient();
        for (int i = 0; i < 10; i++) {
            assertInvalidCredentials(login(TestAccounts.email(), "wrong password", null));
        }

        HttpResponse<String> success = login(email, PASSWORD, null);

        assertThat(success.statusCode()).as(success.body()).isEqualTo(200);
        assertThat(success.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void the_wait_is_decided_by_the_injected_clock_and_one_attempt_comes_back_after_a_fifth_of_the_window() {
        Instant start = Instant.parse("2030-01-07T12:00:00Z");
        MovableClock clock = new MovableClock(start);
        RateLimits buckets = new RateLimits(connections, privacy, clock);
        try {
            LoginThrottle throttle = new LoginThrottle(buckets, redis, limits);
            String loginName = "PATIENT_EMAIL:" + TestAccounts.email();
            for (int i = 0; i < 5; i++) {
                assertThat(throttle.acquire(loginName, "198.51.100.7").refusedFor()).as("failure %d", i + 1).isEmpty();
            }

            Duration fifth = limits.accountAndAddressWindow().dividedBy(5);
            assertThat(throttle.acquire(loginName, "198.51.100.7").refusedFor()).contains(fifth);
            clock.moveTo(start.plus(fifth).minusMillis(1));
            assertThat(throttle.acquire(loginName, "198.51.100.7").refusedFor()).contains(Duration.ofMillis(1));
            clock.moveTo(start.plus(fifth));
            LoginThrottle.Attempt next = throttle.acquire(loginName, "198.51.100.7");
            assertThat(next.refusedFor()).isEmpty();

            throttle.succeeded(next);
            for (int i = 0; i < 5; i++) {
                assertThat(throttle.acquire(loginName, "198.51.100.7").refusedFor()).as("after the success, failure %d", i + 1)
                        .isEmpty();
            }
        } finally {
            buckets.destroy();
        }
    }

    @Test
    void an_unknown_login_name_is_throttled_just_like_a_known_one() {
        String unknown = TestAccounts.email();
        for (int i = 0; i < 5; i++) {
            assertInvalidCredentials(login(unknown, "wrong password", null));
        }

        assertTooManyAttempts(login(unknown, "wrong password", null));
    }

    @Test
    void a_cpf_counts_as_one_login_name_with_or_without_punctuation() {
        String cpf = TestAccounts.cpf();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientCpf(new Cpf(cpf)));
        for (int i = 0; i < 3; i++) {
            assertInvalidCredentials(login(TestAccounts.punctuated(cpf), "wrong password", null));
        }
        for (int i = 0; i < 2; i++) {
            assertInvalidCredentials(login(cpf, "wrong password", null));
        }

        assertTooManyAttempts(login(cpf, PASSWORD, null));
    }

    @Test
    void the_buckets_in_redis_name_neither_the_login_nor_the_address() {
        String email = patient();
        login(email, "wrong password", "203.0.113.77");
        login(email, PASSWORD, "203.0.113.77");

        var keys = redis.keys("ratelimit:login:*");

        assertThat(keys).hasSize(4).allSatisfy(key -> assertThat(key)
                .matches("ratelimit:login:(account-address|address|account|known-client):[0-9a-f]{64}")
                .doesNotContain(email)
                .doesNotContain("203.0.113.77"));
    }

    private String patient() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        return email;
    }

    private HttpResponse<String> login(String login, String password, String forwardedFor) {
        Map<String, String> body = Map.of("login", login, "password", password);
        return forwardedFor == null
                ? api.post("/api/auth/patient/login", body)
                : api.post("/api/auth/patient/login", body, "X-Forwarded-For", forwardedFor);
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
