package io.dataflow.engine.spi;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** The organizations' credentials, decrypted for the task that asks. */
@FunctionalInterface
public interface CredentialVault {

    /**
     * The credential's value: an object of fields such as {@code api_key}, {@code base_url}, {@code url},
     * {@code user}, {@code password}. Empty when the organization has no credential of that name.
     */
    Optional<ObjectNode> find(String organizationId, String name);
}
