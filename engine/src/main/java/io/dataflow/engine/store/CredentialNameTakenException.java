package io.dataflow.engine.store;

/** The organization already has a credential of this name. */
public class CredentialNameTakenException extends RuntimeException {

    public CredentialNameTakenException(String name) {
        super("a credential named '" + name + "' already exists");
    }
}
