package br.com.healthmed.query.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;

/**
 * The consultation page is served by the command side (ADR 0027); without the gateway (./run.sh with one replica per
 * side) it lives on another origin and reads the caller's appointments here. Only the origins named in
 * {@code healthmed.web.allowed-origins} may, only with GET and a bearer token (no cookies exist to ride on); none by
 * default, and none is needed behind the gateway, where page and API share one origin.
 */
@Configuration(proxyBeanMethods = false)
class ConsultationPageCors implements WebMvcConfigurer {

    private final String[] origins;

    ConsultationPageCors(@Value("${healthmed.web.allowed-origins:}") String origins) {
        this.origins = Arrays.stream(origins.split(",")).map(String::strip).filter(origin -> !origin.isEmpty())
                .toArray(String[]::new);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (origins.length > 0) {
            registry.addMapping("/api/appointments/**").allowedOrigins(origins).allowedMethods("GET")
                    .allowedHeaders("Authorization", "Accept").allowCredentials(false);
            registry.addMapping("/api/appointments").allowedOrigins(origins).allowedMethods("GET")
                    .allowedHeaders("Authorization", "Accept").allowCredentials(false);
        }
    }
}
