package io.dataflow.server.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The settings of webhook delivery, read once at start. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookSettings webhookSettings(Environment environment) {
        return WebhookSettings.from(environment);
    }
}
