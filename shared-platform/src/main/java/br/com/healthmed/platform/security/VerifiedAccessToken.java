package br.com.healthmed.platform.security;

import java.time.Instant;
import java.util.UUID;

/**
 * What a verified access token says beyond its {@link Actor}: its id, the login session it belongs to (absent in
 * tokens minted without one), and when it was issued and expires — what the deny-list is checked against.
 */
public record VerifiedAccessToken(Actor actor, String tokenId, UUID sessionId, Instant issuedAt, Instant expiresAt) {
}
