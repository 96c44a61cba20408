package br.com.healthmed.platform.web;

import br.com.healthmed.platform.security.ProblemResponder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Checks on the raw request that run before security and before any controller, on both sides. */
@Configuration(proxyBeanMethods = false)
public class RequestHygieneConfig {

    @Bean
    FilterRegistrationBean<QueryStringFilter> queryStringFilter(ProblemResponder problems) {
        FilterRegistrationBean<QueryStringFilter> registration = new FilterRegistrationBean<>(new QueryStringFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
