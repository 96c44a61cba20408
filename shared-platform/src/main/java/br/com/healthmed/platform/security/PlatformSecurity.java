package br.com.healthmed.platform.security;

import jakarta.servlet.DispatcherType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The filter chain both applications share: stateless bearer tokens, no cookies (so no CSRF), no sessions, no login
 * forms, 401/403 as problem documents, and the rules for paths every application has (error pages, health, API docs,
 * operator endpoints). Each side passes only its own URL rules; anything no rule names needs a valid token.
 */
public class PlatformSecurity {

    /** Authorisation rules of one application, applied between the shared opening and closing rules. */
    public interface Rules extends Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> {
    }

    /** Who may read operational endpoints: there is no separate operator role, so administrators. */
    public static final String OPERATOR_ROLE = "ADMIN";

    private final AccessTokenVerifier verifier;
    private final RevokedAccessTokens revoked;
    private final ProblemResponder problems;

    public PlatformSecurity(AccessTokenVerifier verifier, RevokedAccessTokens revoked, ProblemResponder problems) {
        this.verifier = verifier;
        this.revoked = revoked;
        this.problems = problems;
    }

    public SecurityFilterChain filterChain(HttpSecurity http, Rules sideRules) throws Exception {
        http
                .csrf(AbstractHttpConfigurer::disable)
                // CORS as Spring MVC's mappings declare it (none unless a side configures some), answered before
                // authentication so that a browser's preflight, which carries no token, is not refused.
                .cors(Customizer.withDefaults())
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'")))
                .addFilterBefore(new BearerTokenFilter(verifier, revoked), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint(problems))
                        .accessDeniedHandler(accessDeniedHandler(problems)))
                .authorizeHttpRequests(requests -> {
                    requests
                            // Error pages render the outcome of a request that was already authorised (or refused).
                            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers("/error").permitAll()
                            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                            // Operators only: metrics and build info map the system for an attacker. Named one by one,
                            // so an endpoint a side exposes later (a scrape target) gets its own rule there.
                            .requestMatchers("/actuator/metrics", "/actuator/metrics/**", "/actuator/info").hasRole(OPERATOR_ROLE);
                    sideRules.customize(requests);
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }

    /**
     * 401 with a code telling a missing token from an expired, invalid or revoked one; 503 when the deny-list could
     * not be read, since the token may well be good.
     */
    private static AuthenticationEntryPoint entryPoint(ProblemResponder problems) {
        return (request, response, exception) -> {
            String code = "unauthenticated";
            String detail = "this endpoint needs an access token (Authorization: Bearer …)";
            String challenge = "Bearer";
            if (request.getAttribute(BearerTokenFilter.TOKEN_FAILURE) instanceof InvalidAccessTokenException.Reason reason) {
                if (reason == InvalidAccessTokenException.Reason.UNCHECKABLE) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                    problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, reason.code(),
                            "the access token cannot be checked right now; retry in a moment");
                    return;
                }
                code = reason.code();
                detail = switch (reason) {
                    case EXPIRED -> "the access token has expired; refresh it";
                    case REVOKED -> "the access token was revoked (logout, erasure or a reused refresh token); log in again";
                    default -> "the access token is invalid";
                };
                challenge = "Bearer error=\"invalid_token\"";
            }
            response.setHeader("WWW-Authenticate", challenge);
            problems.write(request, response, HttpStatus.UNAUTHORIZED, code, detail);
        };
    }

    private static AccessDeniedHandler accessDeniedHandler(ProblemResponder problems) {
        return (request, response, exception) ->
                problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "your role may not do this");
    }
}
