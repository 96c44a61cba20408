package br.com.healthmed.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A request authenticated by a verified access token: the principal is the {@link Actor}, the authority ROLE_&lt;role&gt;. */
public class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;

    public ActorAuthentication(Actor actor) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    /** The token was checked and thrown away; nothing secret stays on the request. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return actor.userId().toString();
    }
}
