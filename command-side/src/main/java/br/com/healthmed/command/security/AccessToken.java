package br.com.healthmed.command.security;

import java.time.Duration;

/** A signed access token and how long it stays valid. */
public record AccessToken(String value, Duration lifetime) {

    @Override
    public String toString() {
        return "AccessToken[protected, lifetime=" + lifetime + "]";
    }
}
