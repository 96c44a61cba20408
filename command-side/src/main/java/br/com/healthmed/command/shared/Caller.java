package br.com.healthmed.command.shared;

import br.com.healthmed.api.common.Role;

import java.util.Locale;
import java.util.UUID;

/**
 * Who sent a command, as read from its metadata. Missing or malformed values give a caller that owns nothing, so an
 * object-level check fails closed.
 */
public record Caller(UUID userId, Role role) {

    public static Caller of(String userId, String role) {
        return new Caller(parseUserId(userId), parseRole(role));
    }

    /** Whether the caller acts in {@code expectedRole} as the owner {@code ownerId}. */
    public boolean is(Role expectedRole, UUID ownerId) {
        return role == expectedRole && userId != null && userId.equals(ownerId);
    }

    public boolean hasRole(Role expectedRole) {
        return role == expectedRole;
    }

    private static UUID parseUserId(String userId) {
        try {
            return userId == null ? null : UUID.fromString(userId.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Role parseRole(String role) {
        try {
            return role == null ? null : Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
