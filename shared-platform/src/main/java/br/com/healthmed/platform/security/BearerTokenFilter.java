package br.com.healthmed.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Turns a valid {@code Authorization: Bearer} token into an {@link ActorAuthentication}. A bad token does not end the
 * request here: public endpoints still answer, and protected ones get a 401 whose code says why (see
 * {@link #TOKEN_FAILURE}, read by the entry point).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link InvalidAccessTokenException.Reason} of a refused token. */
    public static final String TOKEN_FAILURE = BearerTokenFilter.class.getName() + ".failure";

    private static final String PREFIX = "Bearer ";

    private final AccessTokenVerifier verifier;

    BearerTokenFilter(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                try {
                    Actor actor = verifier.verify(header.substring(PREFIX.length()).strip());
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(new ActorAuthentication(actor));
                    SecurityContextHolder.setContext(context);
                } catch (InvalidAccessTokenException e) {
                    request.setAttribute(TOKEN_FAILURE, e.reason());
                }
            } else {
                request.setAttribute(TOKEN_FAILURE, InvalidAccessTokenException.Reason.INVALID);
            }
        }
        chain.doFilter(request, response);
    }
}
