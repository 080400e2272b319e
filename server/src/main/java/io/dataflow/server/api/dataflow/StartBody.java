package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Problem;
import io.dataflow.engine.net.OutboundGuard;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a request to start an execution asks for, in either seed's words, with the problems found reading it.
 *
 * @param inputs the inputs object as sent, or null when left out
 * @param inputsPointer where the inputs are in the body ({@code /input} or {@code /inputs}), for their problems
 */
record StartBody(JsonNode inputs, String webhookUrl, String inputsPointer, List<Problem> problems) {

    /** Reads both start bodies; checks webhook URLs with the outbound guard. */
    static final class Reader {

        /** The length of the {@code webhook_url} column. */
        static final int MAX_WEBHOOK_URL = 2048;

        private final OutboundGuard guard;

        Reader(OutboundGuard guard) {
            this.guard = guard;
        }

        /** Seed 000: {@code {"input": {...}, "webhook_url": "..."}}; the body may be empty. */
        StartBody seed000(HttpServletRequest request) {
            List<Problem> problems = new ArrayList<>();
            JsonFields fields = new JsonFields(problems);
            ObjectNode doc = object(request, fields);
            if (doc == null) {
                return new StartBody(null, null, "/input", problems);
            }
            fields.rejectUnknown(doc, "", Set.of("input", "webhook_url"));
            String webhook = webhook(fields.text(doc, "webhook_url", "", false), "/webhook_url", problems);
            return new StartBody(absentIfNull(doc.get("input")), webhook, "/input", problems);
        }

        /** Seed 001: {@code {"inputs": {...}, "monitoring": {"webhook": "..."}}}; the body may be empty. */
        StartBody seed001(HttpServletRequest request) {
            List<Problem> problems = new ArrayList<>();
            JsonFields fields = new JsonFields(problems);
            ObjectNode doc = object(request, fields);
            if (doc == null) {
                return new StartBody(null, null, "/inputs", problems);
            }
            fields.rejectUnknown(doc, "", Set.of("inputs", "monitoring"));
            String webhook = null;
            ObjectNode monitoring = fields.object(doc.get("monitoring"), "/monitoring", false);
            if (monitoring != null) {
                fields.rejectUnknown(monitoring, "/monitoring", Set.of("webhook"));
                webhook = webhook(fields.text(monitoring, "webhook", "/monitoring", false), "/monitoring/webhook",
                        problems);
            }
            return new StartBody(absentIfNull(doc.get("inputs")), webhook, "/inputs", problems);
        }

        private static ObjectNode object(HttpServletRequest request, JsonFields fields) {
            JsonNode parsed = RequestBodies.parse(request, true);
            return parsed == null ? null : fields.object(parsed, "", true);
        }

        private static JsonNode absentIfNull(JsonNode node) {
            return node == null || node.isNull() ? null : node;
        }

        /**
         * The URL when it fits its column and the guard accepts it for later calls; a problem at {@code pointer}
         * otherwise.
         */
        private String webhook(String url, String pointer, List<Problem> problems) {
            if (url == null) {
                return null;
            }
            if (url.trim().length() > MAX_WEBHOOK_URL) {
                problems.add(new Problem(pointer, "must be at most " + MAX_WEBHOOK_URL + " characters, got "
                        + url.trim().length()));
                return null;
            }
            try {
                guard.checkForLater(url);
                return url.trim();
            } catch (OutboundGuard.RefusedException e) {
                problems.add(new Problem(pointer, e.getMessage()));
                return null;
            }
        }
    }
}
