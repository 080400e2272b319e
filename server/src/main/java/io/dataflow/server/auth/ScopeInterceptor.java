package io.dataflow.server.auth;

import io.dataflow.server.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers 403 naming the scope, before the handler reads anything, when the caller's key lacks the scope the
 * handler declares ({@link RequiresScope}). Runs for every handler mapping, the actuator's included: a handler of
 * this server declares its rule ({@link HandlerCoverage} makes sure), the actuator's {@code health} takes any key and
 * its other endpoints (metrics of the whole server, every organization's work in them) an instance administrator's
 * admin key; anything else, such as the OpenAPI document, takes any key.
 */
public class ScopeInterceptor implements HandlerInterceptor {

    private final String actuatorPath;
    /** Each handler's declared scope, looked up once: finding merged annotations on every request costs. */
    private final Map<Method, Optional<Scope>> declared = new ConcurrentHashMap<>();

    public ScopeInterceptor(String actuatorPath) {
        this.actuatorPath = actuatorPath;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (!(request.getAttribute(Caller.ATTRIBUTE) instanceof Caller caller)) {
            return true; // a public endpoint: ApiKeyFilter let it through without a key
        }
        Optional<Scope> needed = needed(method, request);
        if (needed.isPresent() && !caller.has(needed.get())) {
            ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "this request needs the scope "
                    + needed.get().word() + "; the key has " + describe(caller));
            return false;
        }
        if (serverWide(method, request) && !caller.key().instanceAdmin()) {
            ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "this request needs an instance"
                    + " administrator's key: the server's metrics cover every organization");
            return false;
        }
        return true;
    }

    /** The scope the handler needs, if any. */
    Optional<Scope> needed(HandlerMethod method, HttpServletRequest request) {
        Optional<Scope> rule = declared.computeIfAbsent(method.getMethod(),
                m -> Optional.ofNullable(HandlerCoverage.rule(method, RequiresScope.class)).map(RequiresScope::value));
        if (rule.isPresent()) {
            return rule;
        }
        return serverWide(method, request) ? Optional.of(Scope.ADMIN) : Optional.empty();
    }

    /** Whether the handler is an actuator endpoint other than health. */
    private boolean serverWide(HandlerMethod method, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !HandlerCoverage.ours(method) && path.startsWith(actuatorPath + "/")
                && !path.startsWith(actuatorPath + "/health");
    }

    private static String describe(Caller caller) {
        var scopes = caller.key().scopes().stream().sorted().toList();
        return scopes.isEmpty() ? "none" : String.join(", ", scopes);
    }
}
