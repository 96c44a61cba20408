package br.com.healthmed.query.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Stateless bearer-token security with the public key only. Role rules that depend on the URL live here; whose
 * appointment or agenda it is gets checked by the queries, which answer 404 rather than reveal what exists.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokenVerifier verifier, ProblemResponder problems)
            throws Exception {
        http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'")))
                .addFilterBefore(new BearerTokenFilter(verifier), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint(problems))
                        .accessDeniedHandler(accessDeniedHandler(problems)))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Before the public doctor paths: "me" would otherwise match {doctorId}.
                        .requestMatchers("/api/doctors/me/**").hasRole("DOCTOR")
                        .requestMatchers(HttpMethod.GET, "/api/specialties", "/api/doctors", "/api/doctors/*",
                                "/api/doctors/*/agenda").permitAll()
                        .requestMatchers("/api/appointments", "/api/appointments/**").hasAnyRole("PATIENT", "DOCTOR")
                        .requestMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/actuator/processors").hasRole("ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }

    /** 401 with a code telling a missing token from an expired or invalid one. */
    private static AuthenticationEntryPoint entryPoint(ProblemResponder problems) {
        return (request, response, exception) -> {
            String code = "unauthenticated";
            String detail = "this endpoint needs an access token (Authorization: Bearer …)";
            String challenge = "Bearer";
            if (request.getAttribute(BearerTokenFilter.TOKEN_FAILURE) instanceof InvalidAccessTokenException.Reason reason) {
                code = reason.code();
                detail = reason == InvalidAccessTokenException.Reason.EXPIRED
                        ? "the access token has expired; refresh it" : "the access token is invalid";
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

    /** Keeps Spring Boot from creating its default in-memory user: access tokens are the only way in. */
    @Bean
    AuthenticationManager noPasswordAuthentication() {
        return authentication -> {
            throw new ProviderNotFoundException("authentication happens through access tokens only");
        };
    }
}
