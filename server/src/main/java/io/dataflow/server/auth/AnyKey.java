package io.dataflow.server.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint any valid API key may call, whatever its scopes; the handler decides what the key may see or do (for
 * example a user's own key). Used sparingly: most endpoints need a {@link RequiresScope scope}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AnyKey {
}
