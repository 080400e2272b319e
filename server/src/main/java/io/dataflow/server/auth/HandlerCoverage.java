package io.dataflow.server.auth;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Refuses to start the server when a handler of this server declares no access rule ({@link RequiresScope},
 * {@link AnyKey} or {@link PublicEndpoint}, on the method or its class): a new endpoint cannot go out without a
 * decision about who may call it.
 */
public class HandlerCoverage implements SmartInitializingSingleton {

    private static final String OURS = "io.dataflow.";

    private final RequestMappingHandlerMapping mapping;

    public HandlerCoverage(RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> missing = uncovered(mapping.getHandlerMethods());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("these endpoints declare no access rule (@RequiresScope, @AnyKey or"
                    + " @PublicEndpoint): " + String.join("; ", missing));
        }
    }

    static List<String> uncovered(Map<RequestMappingInfo, HandlerMethod> handlers) {
        return handlers.entrySet().stream()
                .filter(e -> ours(e.getValue()))
                .filter(e -> rule(e.getValue(), RequiresScope.class) == null
                        && rule(e.getValue(), AnyKey.class) == null
                        && rule(e.getValue(), PublicEndpoint.class) == null)
                .map(e -> e.getValue().getShortLogMessage() + " " + e.getKey())
                .sorted().toList();
    }

    /** Whether the handler is one of this server's (not a library's, such as the OpenAPI document's). */
    static boolean ours(HandlerMethod method) {
        return method.getBeanType().getName().startsWith(OURS);
    }

    /** The handler's annotation of this type, on the method or else on its class. */
    static <A extends Annotation> A rule(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }
}
