package io.dataflow.server.api.v1;

import io.dataflow.engine.model.Credential;
import io.dataflow.engine.model.CredentialPolicy;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A checked credential request body: {@code {"name", "type", "usableBy", "templates", "value": {fields...}}}. Every
 * problem is reported at once, each at its JSON pointer, and a body with any problem stores nothing.
 *
 * @param name the credential's name (from the body on create, from the path on replace)
 * @param type optional: what the credential is for, such as {@code openai}
 * @param policy {@code usableBy} and {@code templates}, each defaulted when left out
 * @param value the fields: text, numbers or booleans
 */
record CredentialBody(String name, String type, CredentialPolicy policy, ObjectNode value) {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /** The body of a create: {@code name} is required. */
    static CredentialBody forCreate(JsonNode body) {
        return read(body, null);
    }

    /** The body of a replace: {@code name} may be left out, and must be {@code pathName} if given. */
    static CredentialBody forReplace(JsonNode body, String pathName) {
        return read(body, pathName);
    }

    private static CredentialBody read(JsonNode body, String pathName) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode root = fields.object(body, "", true);
        if (root == null) {
            throw DataflowApiException.invalid(problems);
        }
        fields.rejectUnknown(root, "", Set.of("name", "type", "usableBy", "templates", "value"));
        String name = fields.text(root, "name", "", pathName == null);
        if (name != null && pathName == null && !Credential.isValidName(name)) {
            fields.problem("/name", "must be 1 to 100 letters, digits, '_' or '-', got '" + name + "'");
        } else if (name != null && pathName != null && !name.equals(pathName)) {
            fields.problem("/name", "a credential cannot be renamed; leave name out or give '" + pathName + "'");
        }
        String type = fields.text(root, "type", "", false);
        if (type != null && !TYPE.matcher(type).matches()) {
            fields.problem("/type", "must be 1 to 100 letters, digits, '_', '-' or '.', got '" + type + "'");
        }
        CredentialPolicy policy = policy(root, fields);
        ObjectNode value = fields.object(root.get("value"), "/value", true);
        if (value != null) {
            checkValue(value, fields);
        }
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return new CredentialBody(pathName != null ? pathName : name, type, policy, value);
    }

    /**
     * {@code usableBy} (default {@code admins}) and {@code templates} (default: true for admins, false for the
     * organization); null when {@code usableBy} is invalid.
     */
    private static CredentialPolicy policy(ObjectNode root, JsonFields fields) {
        String word = fields.text(root, "usableBy", "", false);
        Optional<CredentialPolicy.UsableBy> usableBy = word == null ? Optional.of(CredentialPolicy.UsableBy.ADMINS)
                : CredentialWords.usableBy(word);
        if (usableBy.isEmpty()) {
            fields.problem("/usableBy", "must be one of " + CredentialWords.USABLE_BY + ", got '" + word + "'");
        }
        // A templates that is not a boolean reads as null here, and its problem stops the request.
        Boolean templates = fields.bool(root, "templates", "");
        if (usableBy.isEmpty()) {
            return null;
        }
        return templates == null ? CredentialPolicy.of(usableBy.get())
                : new CredentialPolicy(usableBy.get(), templates);
    }

    private static void checkValue(ObjectNode value, JsonFields fields) {
        if (value.isEmpty()) {
            fields.problem("/value", "must have at least one field, such as {\"api_key\": \"...\"}");
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode v = field.getValue();
            if (field.getKey().isBlank()) {
                fields.problem(Pointers.append("/value", field.getKey()), "field names must not be blank");
            } else if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
                fields.problem(Pointers.append("/value", field.getKey()),
                        "must be text, a number or a boolean, got " + JsonFields.kind(v));
            }
        }
    }
}
