package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.Retention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /accounts/{account_id}/workflows/{workflow_name}}: {@code class_name} (a free label) and
 * {@code script_name} (the workflow of the organization to bind, by id or name), both required, and
 * {@code default_retention}, the retention of the instances that set none ({@link RetentionBody}). The other fields
 * Cloudflare takes ({@code concurrency}, {@code limits}, {@code schedules}) are refused by name until they are
 * supported, never ignored; so is any field Cloudflare does not take. A {@code null} value is as if the field were
 * absent.
 */
record BindBody(String className, String scriptName, Retention defaultRetention) {

    /** As the store keeps them. */
    static final int MAX_CLASS_NAME = 200;
    static final int MAX_SCRIPT_NAME = 200;
    private static final Set<String> FIELDS = Set.of("class_name", "script_name", "default_retention");
    private static final List<String> NOT_SUPPORTED_YET = List.of("concurrency", "limits", "schedules");

    /** @param serverRetention how long the server keeps finished executions, the most a retention may be */
    static BindBody read(JsonNode body, Duration serverRetention) {
        if (body == null || !body.isObject()) {
            throw new AccountsApiException(AccountsErrorCode.BAD_JSON, "the request body must be a JSON object");
        }
        List<String> unsupported = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : body.propertyNames()) {
            if (NOT_SUPPORTED_YET.contains(name)) {
                if (!body.get(name).isNull()) {
                    unsupported.add(name);
                }
            } else if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unsupported.isEmpty()) {
            throw AccountsApiException.invalid("not supported yet: " + String.join(", ", unsupported.stream()
                    .sorted().toList()) + "; leave " + (unsupported.size() == 1 ? "it" : "them") + " out");
        }
        if (!unknown.isEmpty()) {
            throw AccountsApiException.invalid("unknown field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown.stream().map(name -> "'" + name + "'").toList())
                    + "; a workflow takes class_name, script_name and default_retention");
        }
        return new BindBody(text(body, "class_name", MAX_CLASS_NAME), text(body, "script_name", MAX_SCRIPT_NAME),
                RetentionBody.read(body.get("default_retention"), "default_retention", serverRetention));
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw AccountsApiException.invalid("'" + field + "' is required");
        }
        if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > max) {
            throw AccountsApiException.invalid("'" + field + "' must be a string of 1 to " + max + " characters");
        }
        return value.stringValue();
    }
}
