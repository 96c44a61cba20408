package br.com.healthmed.platform.security;

import br.com.healthmed.api.common.Role;

import java.util.UUID;

/** The authenticated caller, taken from a verified access token: the security principal of every request. */
public record Actor(UUID userId, Role role) {
}
