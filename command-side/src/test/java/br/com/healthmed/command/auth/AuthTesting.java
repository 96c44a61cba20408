package br.com.healthmed.command.auth;

import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.Set;

/** Shared steps of the authentication tests. */
final class AuthTesting {

    private AuthTesting() {
    }

    /**
     * Test classes sharing a context share one client address; clearing the failure counts keeps one test's failed
     * logins from locking out the next.
     */
    static void forgetFailedLogins(StringRedisTemplate redis) {
        Set<String> keys = redis.keys("auth:throttle:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
