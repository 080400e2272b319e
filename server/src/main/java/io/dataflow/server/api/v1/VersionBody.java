package io.dataflow.server.api.v1;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The body of {@code POST /api/v1/workflows/:id/versions}: a tag and an optional description. */
record VersionBody(String versionTag, String description) {

    static final int MAX_TAG = 100;
    static final int MAX_DESCRIPTION = 2_000;
    /** Printable, no spaces at either end: {@code v1.0.0}, {@code 2025-01-release}, {@code stable}. */
    private static final Pattern TAG = Pattern.compile("[\\x21-\\x7e](?:[\\x20-\\x7e]*[\\x21-\\x7e])?");

    /** @throws InvalidDefinitionException naming every problem */
    static VersionBody read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        String tag = null;
        String description = null;
        if (doc != null) {
            fields.rejectUnknown(doc, "", Set.of("versionTag", "description"));
            tag = fields.text(doc, "versionTag", "", true);
            if (tag != null && (tag.length() > MAX_TAG || !TAG.matcher(tag).matches())) {
                fields.problem("/versionTag", "must be 1 to " + MAX_TAG + " printable ASCII characters, without"
                        + " spaces at either end");
            }
            description = fields.text(doc, "description", "", false);
            if (description != null && description.length() > MAX_DESCRIPTION) {
                fields.problem("/description", "must be at most " + MAX_DESCRIPTION + " characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new VersionBody(tag, description);
    }
}
