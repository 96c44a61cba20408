package br.com.healthmed.platform.metrics;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /actuator/prometheus} answers only scrapers on the internal network: the caller's address, as Tomcat resolves
 * it (the socket's peer, or the X-Forwarded-For of a trusted proxy), must be in {@code healthmed.metrics.scrape-networks}.
 * A client outside that network is refused even through a proxy, and the gateway never routes {@code /actuator/**}
 * except health in the first place. A chain of its own, ordered before the application's, so the endpoint's rule lives
 * beside the metrics setup.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsEndpointSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain metricsScrapeChain(HttpSecurity http,
                                           @Value("${healthmed.metrics.scrape-networks}") String scrapeNetworks)
            throws Exception {
        List<IpAddressMatcher> networks = Arrays.stream(scrapeNetworks.split(","))
                .map(String::strip).filter(network -> !network.isEmpty()).map(IpAddressMatcher::new).toList();
        http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().access((authentication, context) ->
                        new AuthorizationDecision(fromInternalNetwork(context.getRequest(), networks))))
                // Anonymous callers are refused through the entry point, the others through the handler: same answer.
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, refused) -> refuse(response))
                        .accessDeniedHandler((request, response, refused) -> refuse(response)));
        return http.build();
    }

    static boolean fromInternalNetwork(HttpServletRequest request, List<IpAddressMatcher> networks) {
        String address = request.getRemoteAddr();
        return networks.stream().anyMatch(network -> network.matches(address));
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"code\":\"metrics-internal-only\",\"detail\":\"metrics are scraped from the internal network\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
