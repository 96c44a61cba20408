package br.com.healthmed.platform;

import br.com.healthmed.platform.eventstore.EventStoreConfig;
import br.com.healthmed.platform.metrics.MetricsEndpointSecurity;
import br.com.healthmed.platform.security.SecurityPlatformConfig;
import br.com.healthmed.platform.stores.LostConnectionRollbacks;
import br.com.healthmed.platform.web.JsonLimitsConfig;
import br.com.healthmed.platform.web.RequestHygieneConfig;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Everything both applications share, imported by each application class (ADR 0014). */
@Configuration(proxyBeanMethods = false)
@Import({SecurityPlatformConfig.class, EventStoreConfig.class, JsonLimitsConfig.class, RequestHygieneConfig.class,
        MetricsEndpointSecurity.class, LostConnectionRollbacks.class})
public class PlatformConfiguration {
}
