package br.com.healthmed.query.flow;

import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The overall health, not only the probes, is UP against the MongoDB emulator, as it is against a real MongoDB. */
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
}
