package io.dataflow.server.limits;

import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.OrganizationUsage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The per-organization limits: their settings, the one {@link OrganizationLimits} every dialect asks, and the count of
 * open live streams ({@link StreamLimits}).
 */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean
    LimitSettings limitSettings(Environment environment) {
        return LimitSettings.from(environment);
    }

    @Bean
    StreamLimits streamLimits(LimitSettings settings) {
        return new StreamLimits(settings);
    }

    @Bean
    OrganizationLimits organizationLimits(LimitSettings settings, Database database) {
        return new OrganizationLimits(settings, new OrganizationUsage(database));
    }
}
