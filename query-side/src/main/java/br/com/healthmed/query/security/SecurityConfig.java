package br.com.healthmed.query.security;

import br.com.healthmed.platform.security.PlatformSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The query side's URL rules on the shared stateless chain ({@link PlatformSecurity}), with the public key only. Whose
 * appointment or agenda it is gets checked by the queries, which answer 404 rather than reveal what exists.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.filterChain(http, requests -> requests
                // Before the public doctor paths: "me" would otherwise match {doctorId}.
                .requestMatchers("/api/doctors/me/**").hasRole("DOCTOR")
                .requestMatchers(HttpMethod.GET, "/api/specialties", "/api/doctors", "/api/doctors/*",
                        "/api/doctors/*/agenda").permitAll()
                .requestMatchers("/api/patients/me/**").hasRole("PATIENT")
                .requestMatchers("/api/appointments", "/api/appointments/**").hasAnyRole("PATIENT", "DOCTOR")
                .requestMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                .requestMatchers("/api/admin/**").hasRole("ADMIN")
                .requestMatchers("/actuator/processors").hasRole("ADMIN"));
    }
}
