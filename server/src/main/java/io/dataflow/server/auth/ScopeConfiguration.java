package io.dataflow.server.auth;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The scope check on every handler mapping (a {@link MappedInterceptor} bean is picked up by each of them, the
 * actuator's included) and the start-up check that every endpoint declares its rule.
 */
@Configuration(proxyBeanMethods = false)
class ScopeConfiguration {

    @Bean
    MappedInterceptor scopeInterceptor(
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return new MappedInterceptor(null, new ScopeInterceptor(actuatorPath));
    }

    @Bean
    HandlerCoverage handlerCoverage(
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        return new HandlerCoverage(mapping);
    }
}
