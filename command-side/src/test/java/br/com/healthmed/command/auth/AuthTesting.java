package br.com.healthmed.command.auth;

import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.Set;

/** Shared steps of the authentication tests. */
final class AuthTesting {

    private AuthTesting() {
    }

    /**
     * Test classes sharing a context share one client address; clearing the throttles' buckets and known clients
     * keeps one test's failed logins from slowing down the next.
     */
    static void forgetFailedLogins(StringRedisTemplate redis) {
        Set<String> keys = redis.keys("ratelimit:login:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
