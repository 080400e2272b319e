package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.web.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Finds the values of a request body that could not be stored as sent: text that {@link StorableText} refuses,
 * in member names as in strings, and numbers too large for a double, which the parser reads as infinity and which
 * would be written back as the string {@code "Infinity"}. Checked once for every body, before any field is read,
 * so no endpoint stores or looks up such a value.
 */
final class StorableJson {

    /** Enough to show what is wrong without an answer as large as a hostile body. */
    static final int MAX_PROBLEMS = 20;

    private StorableJson() {
    }

    /** A problem at the pointer of each such value, at most {@link #MAX_PROBLEMS}. */
    static List<Problem> problems(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        collect(body, "", problems);
        return problems;
    }

    private static void collect(JsonNode node, String pointer, List<Problem> problems) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        if (node.isString()) {
            StorableText.problem(node.stringValue()).ifPresent(why -> problems.add(new Problem(pointer, why)));
        } else if (node.isFloatingPointNumber() && node.isDouble() && !Double.isFinite(node.doubleValue())) {
            problems.add(new Problem(pointer, "is a number too large to store; the largest is about 1.8e308"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), Pointers.append(pointer, i), problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                Optional<String> badName = StorableText.problem(member.getKey());
                if (badName.isPresent()) {
                    // Reported at the object: a pointer holding the name would carry the character itself.
                    problems.add(new Problem(pointer, "has a member name that " + badName.get()));
                } else {
                    collect(member.getValue(), Pointers.append(pointer, member.getKey()), problems);
                }
                if (problems.size() >= MAX_PROBLEMS) {
                    return;
                }
            }
        }
    }
}
