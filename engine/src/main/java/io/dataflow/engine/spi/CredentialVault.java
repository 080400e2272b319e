package io.dataflow.engine.spi;

import io.dataflow.engine.model.CredentialPolicy;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organizations' credentials, decrypted for the task that asks. The vault a running task gets applies the
 * credential's {@link CredentialPolicy}: asking for one the execution may not use fails the task.
 */
@FunctionalInterface
public interface CredentialVault {

    /** A credential's value with the rules for using it. */
    record Entry(ObjectNode value, CredentialPolicy policy) {
    }

    /**
     * The credential's value: an object of fields such as {@code api_key}, {@code base_url}, {@code url},
     * {@code user}, {@code password}. Empty when the organization has no credential of that name.
     *
     * @throws TaskFailure (permanent) when the execution asking may not use the credential; the message names it
     *     and the rule
     */
    Optional<ObjectNode> find(String organizationId, String name) throws TaskFailure;

    /**
     * The credential's value with its rules; empty when the organization has none of that name. A vault that keeps
     * no rules gives {@link CredentialPolicy#DEFAULT}.
     */
    default Optional<Entry> entry(String organizationId, String name) throws TaskFailure {
        return find(organizationId, name).map(value -> new Entry(value, CredentialPolicy.DEFAULT));
    }
}
