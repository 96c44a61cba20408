package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.PlatformSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The command side's URL rules on the shared stateless chain ({@link PlatformSecurity}). Role rules that depend only on
 * the URL live here; object-level checks (whose appointment, whose schedule) belong to the command handlers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformSecurity platform) throws Exception {
        return platform.filterChain(http, requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/patients", "/api/doctors", "/api/patients/confirmation",
                        "/api/patients/confirmation/resend").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/auth/password", "/api/auth/mfa/disable").authenticated()
                .requestMatchers("/api/auth/**").permitAll()
                .requestMatchers("/api/admin/**").hasRole("ADMIN")
                .requestMatchers("/api/doctors/me/**").hasRole("DOCTOR")
                .requestMatchers(HttpMethod.POST, "/api/appointments").hasRole("PATIENT")
                .requestMatchers(HttpMethod.POST, "/api/appointments/*/accept", "/api/appointments/*/reject",
                        "/api/appointments/*/no-show").hasRole("DOCTOR")
                .requestMatchers(HttpMethod.POST, "/api/appointments/*/cancel", "/api/appointments/*/reschedule")
                .hasAnyRole("PATIENT", "DOCTOR")
                .requestMatchers(HttpMethod.DELETE, "/api/patients/me").hasRole("PATIENT")
                // The online consultation (ADR 0027): the page is public, the WebSocket is authorised by its ticket.
                .requestMatchers(HttpMethod.GET, "/consulta", "/consulta/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/consultations/signal").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/appointments/*/consultation/consent").hasRole("PATIENT")
                .requestMatchers(HttpMethod.POST, "/api/appointments/*/consultation/end").hasRole("DOCTOR")
                .requestMatchers(HttpMethod.POST, "/api/appointments/*/consultation/tickets", "/api/consultations/ice-servers")
                .hasAnyRole("PATIENT", "DOCTOR"));
    }
}
