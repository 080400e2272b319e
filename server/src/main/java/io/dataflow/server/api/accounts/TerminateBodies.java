package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.BindingNames;
import io.dataflow.engine.model.ExecutionStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the batch terminate endpoints are asked ({@link InstanceTerminationController}): the instance ids a
 * body names, and the status a terminate-all may be narrowed to. Anything else is refused, naming what is wrong,
 * before anything changes.
 */
final class TerminateBodies {

    /** The most instance ids one batch terminate may name: as many as one batch may create. */
    static final int MAX_IDS = InstanceBodies.MAX_BATCH;

    private TerminateBodies() {
    }

    /** A body of 1 to {@link #MAX_IDS} instance ids, each a string an instance id can be. */
    static List<String> ids(JsonNode body) {
        if (!body.isArray()) {
            throw AccountsApiException.invalid("the body must be a JSON array of instance ids, such as [\"order-1\","
                    + " \"order-2\"]; send no body to terminate every unfinished instance");
        }
        if (body.isEmpty() || body.size() > MAX_IDS) {
            throw AccountsApiException.invalid("a batch terminate names 1 to " + MAX_IDS + " instance ids, got "
                    + body.size() + "; send no body to terminate every unfinished instance");
        }
        List<String> ids = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            JsonNode id = body.get(i);
            if (!id.isString()) {
                throw AccountsApiException.invalid("[" + i + "] must be a string, an instance id");
            }
            int at = i;
            BindingNames.executionProblem(id.asString()).ifPresent(problem -> {
                throw AccountsApiException.invalid("[" + at + "] " + problem);
            });
            ids.add(id.asString());
        }
        return ids;
    }

    /**
     * The statuses {@code ?status=} narrows a terminate-all to: none when absent, else the one unfinished status its
     * word names (wrangler's {@code terminate-all --status} sends one of these).
     */
    static Set<ExecutionStatus> statuses(String word) {
        if (word == null) {
            return Set.of();
        }
        return InstanceStatusWords.status(word).filter(ExecutionStatus.UNFINISHED::contains).map(Set::of)
                .orElseThrow(() -> AccountsApiException.badQueryParameter("status", "must be one of "
                        + unfinishedWords() + ", not '" + word + "': only unfinished instances can be terminated"));
    }

    private static String unfinishedWords() {
        return EnumSet.copyOf(ExecutionStatus.UNFINISHED).stream().map(InstanceStatusWords::word)
                .collect(Collectors.joining(", "));
    }
}
