package io.dataflow.server.api.v1;

import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /api/v1/api-keys}: {@code {"name", "scopes": [...], "userId"}}. Every problem is reported
 * at once; an unknown scope at {@code /scopes/<i>}.
 *
 * @param scopes one or more of {@link ApiKey#SCOPES}, each once
 * @param userId whose key it is; null for the caller's own user
 */
record ApiKeyBody(String name, Set<String> scopes, String userId) {

    /** The scopes as the API lists them, for errors and the OpenAPI document. */
    static final List<String> SCOPE_WORDS = List.of(ApiKey.READ, ApiKey.WRITE, ApiKey.EXECUTE, ApiKey.ADMIN);

    static ApiKeyBody read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode root = fields.object(body, "", true);
        if (root == null) {
            throw DataflowApiException.invalid(problems);
        }
        fields.rejectUnknown(root, "", Set.of("name", "scopes", "userId"));
        String name = PersonFields.name(fields, root, "");
        Set<String> scopes = scopes(fields, root);
        String userId = PersonFields.id(fields, root, "userId", "");
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return new ApiKeyBody(name, scopes, userId);
    }

    private static Set<String> scopes(JsonFields fields, ObjectNode root) {
        List<JsonNode> items = fields.array(root, "scopes", "", true);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            fields.problem("/scopes", "must hold at least one of " + SCOPE_WORDS);
            return null;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = Pointers.append("/scopes", i);
            if (!item.isString()) {
                fields.problem(at, "must be text, one of " + SCOPE_WORDS + ", got " + JsonFields.kind(item));
            } else if (!ApiKey.SCOPES.contains(item.stringValue())) {
                fields.problem(at, "is not a scope: '" + abbreviate(item.stringValue()) + "'; use one of "
                        + SCOPE_WORDS);
            } else {
                scopes.add(item.stringValue());
            }
        }
        return scopes;
    }

    private static String abbreviate(String text) {
        return text.length() <= 50 ? text : text.substring(0, 50) + "...";
    }
}
