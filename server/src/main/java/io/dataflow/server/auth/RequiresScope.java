package io.dataflow.server.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an endpoint needs. {@link ScopeInterceptor} answers 403 naming the scope before the handler runs when
 * the caller's key does not hold it; on a class it applies to every handler without an annotation of its own. Every
 * handler carries this, {@link AnyKey} or {@link PublicEndpoint}, or the server does not start
 * ({@link HandlerCoverage}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    Scope value();
}
