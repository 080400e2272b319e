package io.dataflow.server.api.accounts;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * Cloudflare's API takes a path with a trailing slash as the path without it, and wrangler relies on it (it lists
 * instances at {@code .../instances/} to find the latest one); Spring matches paths exactly. Spring's own
 * {@link UrlHandlerFilter} trims the slash of every path under {@code /accounts} and {@code /client/v4} before
 * anything else looks at the path: the API key, the account check and the routes see it trimmed.
 */
@Configuration(proxyBeanMethods = false)
class AccountsTrailingSlash {

    @Bean
    FilterRegistrationBean<UrlHandlerFilter> accountsTrailingSlashFilter() {
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(UrlHandlerFilter
                .trailingSlashHandler(AccountsPaths.ACCOUNTS + "/**", AccountsPaths.CLIENT_V4 + "/**").wrapRequest()
                .build());
        // Mapped to those paths only, so the other dialects' requests do not pass through it at all.
        registration.addUrlPatterns(AccountsPaths.ACCOUNTS + "/*", AccountsPaths.CLIENT_V4 + "/*");
        // After the body size limit (the first filter), before the API key filter.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
