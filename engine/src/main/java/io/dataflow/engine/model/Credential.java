package io.dataflow.engine.model;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What may be shown of a stored credential: everything but its value. The value (an object of fields such as
 * {@code api_key}) is only ever decrypted for a running task, through the credential vault.
 *
 * @param type what the credential is for, such as {@code openai}, {@code sql} or {@code http}; null when not given
 * @param policy who may use it, and whether templates may read it
 * @param fields the names of the value's fields, in the order they were given
 */
public record Credential(String id, String organizationId, String name, String type, CredentialPolicy policy,
        List<String> fields, Instant createdAt, Instant updatedAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** Whether {@code name} can name a credential: letters, digits, '_' and '-', 1 to 100 characters. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
