package br.com.healthmed.query.flow;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overall health, not only the probes, is UP against the MongoDB emulator, as it is against a real MongoDB; the
 * other operational endpoints are for operators only.
 */
@IntegrationTest
class HealthIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void overall_health_is_up() {
        Api.Answer health = new Api(http).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.<String>read("$.status")).isEqualTo("UP");
    }

    /** Until issue 9, any logged-in patient could read the metrics and build info. */
    @Test
    void metrics_and_info_are_for_operators_only() {
        Api api = new Api(http);
        for (String path : new String[]{"/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info"}) {
            assertThat(api.get(path).status()).as(path).isEqualTo(401);
            for (Role role : new Role[]{Role.PATIENT, Role.DOCTOR, Role.AUDITOR}) {
                Api.Answer answer = api.get(path, TestTokens.token(UUID.randomUUID(), role));
                assertThat(answer.status()).as(path + " " + role).isEqualTo(403);
                assertThat(answer.<String>read("$.code")).isEqualTo("forbidden");
            }
            assertThat(api.get(path, TestTokens.token(UUID.randomUUID(), Role.ADMIN)).status()).as(path).isEqualTo(200);
        }
    }
}
