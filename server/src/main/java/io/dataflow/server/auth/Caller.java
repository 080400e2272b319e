package io.dataflow.server.auth;

import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.StartedBy;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling: the API key that authenticated the request and so its organization. Set by {@link ApiKeyFilter}
 * on every request that reaches a controller.
 */
public record Caller(ApiKey key) {

    static final String ATTRIBUTE = Caller.class.getName();

    public String organizationId() {
        return key.organizationId();
    }

    /** Whether the key holds the admin scope. */
    public boolean isAdmin() {
        return has(Scope.ADMIN);
    }

    /** Whether the key holds this scope (admin holds every scope). */
    public boolean has(Scope scope) {
        return scope.heldBy(key);
    }

    /**
     * Whether the caller is an instance administrator, who may create and see every organization: an admin key of
     * a user marked as one (the bootstrap key's user, or one an instance administrator made so).
     */
    public boolean isInstanceAdmin() {
        return key.admin() && key.instanceAdmin();
    }

    /** The user the key belongs to. */
    public String userId() {
        return key.userId();
    }

    /** What the caller may read and change. */
    public Access access() {
        return key.access();
    }

    /** This caller as the starter of an execution, for the credentials' rules. */
    public StartedBy asStarter() {
        return StartedBy.key(key.id(), isAdmin());
    }

    /** The caller of an authenticated request, or empty for one without a key (a public endpoint's). */
    public static java.util.Optional<Caller> find(HttpServletRequest request) {
        return java.util.Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }

    public static Caller of(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("request was not authenticated");
        }
        return caller;
    }
}
