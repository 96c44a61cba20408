package br.com.healthmed.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Redis user the deny-list is read with, when it is not the application's own (ADR 0034). The query side signs in
 * to Redis twice: as a user that may read and write only its agenda cache, and as this one, which may only MGET
 * {@code auth:revoked:*}. Redis 6.2 cannot make one key pattern read-only for a user that writes others ({@code %R~}
 * arrived in 7.0), two users can on any version. Blank: the deny-list is read through the application's connection
 * (the command side, which writes it, and a Redis without ACL users).
 *
 * @param redisUsername the deny-list reader's ACL user (env REDIS_DENY_LIST_USERNAME on the query side)
 * @param redisPassword its password (env REDIS_DENY_LIST_PASSWORD)
 */
@ConfigurationProperties("healthmed.security.deny-list")
public record DenyListProperties(String redisUsername, String redisPassword) {

    boolean hasOwnUser() {
        return redisUsername != null && !redisUsername.isBlank();
    }
}
