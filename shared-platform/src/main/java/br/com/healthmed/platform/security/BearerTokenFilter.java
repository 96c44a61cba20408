package br.com.healthmed.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Turns a valid, unrevoked {@code Authorization: Bearer} token into an {@link ActorAuthentication} (its details: the
 * {@link VerifiedAccessToken}). A bad token does not end the
 * request here: public endpoints still answer, and protected ones get a 401 whose code says why (see
 * {@link #TOKEN_FAILURE}, read by the entry point).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link InvalidAccessTokenException.Reason} of a refused token. */
    public static final String TOKEN_FAILURE = BearerTokenFilter.class.getName() + ".failure";

    private static final String PREFIX = "Bearer ";

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final AccessTokenVerifier verifier;
    private final RevokedAccessTokens revoked;

    BearerTokenFilter(AccessTokenVerifier verifier, RevokedAccessTokens revoked) {
        this.verifier = verifier;
        this.revoked = revoked;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                try {
                    VerifiedAccessToken token = verifier.verifyToken(header.substring(PREFIX.length()).strip());
                    if (isRevoked(token)) {
                        throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.REVOKED, "the access token was revoked");
                    }
                    ActorAuthentication authentication = new ActorAuthentication(token.actor());
                    authentication.setDetails(token);
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(authentication);
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

    /** Fails closed: a token whose revocation cannot be checked is not honoured (the caller gets 503 and retries). */
    private boolean isRevoked(VerifiedAccessToken token) {
        try {
            return revoked.isRevoked(token);
        } catch (RuntimeException e) {
            log.warn("cannot read the access-token deny-list: {}", e.toString());
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.UNCHECKABLE, "the deny-list is unavailable");
        }
    }
}
