package br.com.healthmed.query.security;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side honours the command side's deny-list: when the command side ends an account's sessions (erasure),
 * it writes {@code auth:revoked:account:<id>} to the shared Redis, and the query side refuses that account's tokens
 * from then on. Until issue 9 such a token kept reading appointments for up to 15 minutes.
 */
@IntegrationTest
class RevokedTokensIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    @StoreOwner
    StringRedisTemplate redis;

    @Test
    void tokens_issued_before_the_account_was_revoked_are_refused_and_others_are_not() {
        Api api = new Api(http);
        UUID erased = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        String token = TestTokens.token(erased, Role.PATIENT);
        assertThat(api.get("/api/appointments", token).status()).isEqualTo(200);

        redis.opsForValue().set("auth:revoked:account:" + erased, Long.toString(Clock.systemUTC().millis()), Duration.ofMinutes(15));

        Api.Answer refused = api.get("/api/appointments", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.<String>read("$.code")).isEqualTo("token-revoked");
        assertThat(api.get("/api/appointments", TestTokens.token(someoneElse, Role.PATIENT)).status()).isEqualTo(200);
    }
}
