package br.com.healthmed.command.ratelimit;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, items 3 and 7: one client address registered 100 accounts in 5 s, and learnt with each refusal whether an
 * e-mail or CPF belongs to a patient. Now registrations are throttled per address (3 here; 10 an hour by default); a
 * taken CRM (public data) is refused before the expensive password hash, a patient's e-mail or CPF answers like a free
 * one and costs the same hash (ADR 0033). The test client is on loopback, a trusted proxy, so X-Forwarded-For names the
 * client as a gateway would.
 */
@IntegrationTest
@TestPropertySource(properties = "healthmed.security.registration-throttle.per-address=3")
class RegistrationThrottleIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void a_fourth_registration_from_one_address_is_refused_with_429_and_retry_after_and_other_addresses_go_on() {
        Api api = new Api(port);
        for (int i = 0; i < 2; i++) {
            assertThat(registerPatient(api, "203.0.113.40").status()).isEqualTo(202);
        }
        assertThat(registerDoctor(api, "203.0.113.40").status()).isEqualTo(201);

        Api.Response refused = registerPatient(api, "203.0.113.40");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("too-many-registrations");
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("one registration comes back every 20 minutes")
                .isBetween(1L, 1200L);
        assertThat(registerDoctor(api, "203.0.113.40").code()).isEqualTo("too-many-registrations");
        assertThat(registerPatient(api, "203.0.113.41").status()).as("another address").isEqualTo(202);
    }

    /**
     * ADR 0033: a taken e-mail answers as a free one does, so it must not answer faster either: the password is hashed
     * on every path (the CRM below is public, and still refused before hashing).
     */
    @Test
    void a_taken_email_costs_the_same_password_hash_as_a_free_one() {
        Api api = new Api(port);
        Map<String, Object> first = TestData.patient(TestData.uniqueEmail("taken"), TestData.cpf());
        double before = hashes();
        assertThat(api.post("/api/patients").header("X-Forwarded-For", "203.0.113.50").body(first).send().status()).isEqualTo(202);
        double hashesOfAFreeOne = hashes() - before;
        assertThat(hashesOfAFreeOne).as("a registration hashes its password").isEqualTo(1);

        double hashesBefore = hashes();
        Api.Response taken = api.post("/api/patients").header("X-Forwarded-For", "203.0.113.50")
                .body(TestData.patient((String) first.get("email"), TestData.cpf())).send();

        assertThat(taken.status()).as(taken.toString()).isEqualTo(202);
        assertThat(hashes() - hashesBefore).as("the taken e-mail's password hashes").isEqualTo(hashesOfAFreeOne);
    }

    @Test
    void a_taken_crm_is_refused_before_any_password_is_hashed() {
        Api api = new Api(port);
        Map<String, Object> first = TestData.doctor(TestData.crmNumber(), "RJ");
        assertThat(api.post("/api/doctors").header("X-Forwarded-For", "203.0.113.60").body(first).send().status()).isEqualTo(201);
        double hashesBefore = hashes();
        assertThat(hashesBefore).as("the first registration hashed its password").isPositive();

        Api.Response taken = api.post("/api/doctors").header("X-Forwarded-For", "203.0.113.60")
                .body(TestData.doctor((String) first.get("crm"), "RJ")).send();

        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("crm-already-registered");
        assertThat(hashes()).as("new password hashes").isEqualTo(hashesBefore);
    }

    /** Password hashes computed so far (the bounded encoder's meter; 0 before the first). */
    private double hashes() {
        var counter = meters.find("healthmed.password.hashing").tag("outcome", "hashed").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Api.Response registerPatient(Api api, String address) {
        return api.post("/api/patients").header("X-Forwarded-For", address)
                .body(TestData.patient(TestData.uniqueEmail("throttled"), TestData.cpf())).send();
    }

    private static Api.Response registerDoctor(Api api, String address) {
        return api.post("/api/doctors").header("X-Forwarded-For", address)
                .body(TestData.doctor(TestData.crmNumber(), "SP")).send();
    }
}
