package io.dataflow.engine.store;

/** Another user of the organization already has this email. */
public class EmailTakenException extends RuntimeException {

    private final String email;

    public EmailTakenException(String email) {
        super("a user with email '" + email + "' already exists in the organization");
        this.email = email;
    }

    public String email() {
        return email;
    }
}
