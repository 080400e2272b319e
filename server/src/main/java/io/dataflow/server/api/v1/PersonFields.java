package io.dataflow.server.api.v1;

import io.dataflow.engine.model.Pointers;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks shared by the bodies that name people and keys: a name of 1 to {@link #MAX_NAME} characters and an
 * optional email, each a problem at its JSON pointer when wrong.
 */
final class PersonFields {

    /** As long as the database's name columns. */
    static final int MAX_NAME = 200;
    /** The longest address RFC 5321 allows, and the database's email column. */
    static final int MAX_EMAIL = 320;
    static final int MAX_ID = 40;
    /** One {@code @}, something on each side, a dot in the domain, and no spaces: enough to catch typing slips. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private PersonFields() {
    }

    /** A required name, trimmed. */
    static String name(JsonFields fields, ObjectNode parent, String pointer) {
        String name = fields.text(parent, "name", pointer, true);
        if (name == null) {
            return null;
        }
        name = name.strip();
        if (name.length() > MAX_NAME) {
            fields.problem(Pointers.append(pointer, "name"), "must be at most " + MAX_NAME + " characters, got "
                    + name.length());
            return null;
        }
        return name;
    }

    /** An optional email, trimmed; null when left out. */
    static String email(JsonFields fields, ObjectNode parent, String pointer) {
        String email = fields.text(parent, "email", pointer, false);
        if (email == null) {
            return null;
        }
        email = email.strip();
        String at = Pointers.append(pointer, "email");
        if (email.length() > MAX_EMAIL) {
            fields.problem(at, "must be at most " + MAX_EMAIL + " characters, got " + email.length());
            return null;
        }
        if (!EMAIL.matcher(email).matches()) {
            fields.problem(at, "must be an email address such as ada@example.com, got '" + email + "'");
            return null;
        }
        return email;
    }

    /** An optional id of a user, organization or key; null when left out. */
    static String id(JsonFields fields, ObjectNode parent, String field, String pointer) {
        String id = fields.text(parent, field, pointer, false);
        if (id != null && (id.isBlank() || id.length() > MAX_ID)) {
            fields.problem(Pointers.append(pointer, field), "is not an id (1 to " + MAX_ID + " characters)");
            return null;
        }
        return id;
    }
}
