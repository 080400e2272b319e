package io.dataflow.engine.model;

/**
 * An execution that would read a credential its starter may not use, refused before anything ran. Its message
 * names the credential and the rule.
 */
public class CredentialRefusedException extends RuntimeException {

    public CredentialRefusedException(String message) {
        super(message);
    }
}
