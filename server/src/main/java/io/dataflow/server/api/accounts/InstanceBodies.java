package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.BindingNames;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Retention;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the bodies of the instance endpoints: strictly (as every dialect does, {@link RequestBodies}), refusing
 * fields it does not know and the ones Cloudflare's API has that this server does not support yet, each named, so
 * that nothing sent is silently ignored.
 */
final class InstanceBodies {

    /** The most instances one batch may create. */
    static final int MAX_BATCH = 1000;

    private static final Set<String> CREATE_FIELDS = Set.of("instance_id", "params", "instance_retention",
            "location_hint");
    private static final Set<String> LOCATION_HINTS = Set.of("wnam", "weur", "enam", "eeur", "apac", "apac-ne",
            "apac-se", "oc", "sam", "afr", "me");
    /** The ids Cloudflare keeps for itself: cf_ and 64 lowercase hexadecimal characters. */
    private static final Pattern RESERVED_ID = Pattern.compile("cf_[0-9a-f]{64}");
    private static final Set<String> STATUS_FIELDS = Set.of("status", "from", "rollback");
    private static final Set<String> FROM_FIELDS = Set.of("name", "count", "type");
    /** The kinds of step a restart may name, as Cloudflare's SDK declares them. */
    static final Set<String> STEP_KINDS = Set.of("do", "sleep", "waitForEvent");

    private InstanceBodies() {
    }

    /**
     * One instance to create: its id, or null for one made up, the execution's inputs, or null for none, and its
     * retention ({@link Retention#NONE} for the workflow's).
     */
    record Create(String instanceId, ObjectNode inputs, Retention retention) {
    }

    /** A status change: the action's word and, for a restart, the step to restart from (null for none). */
    record StatusChange(String status, From from) {
    }

    /**
     * The step a restart runs from, as Cloudflare names one: its name, which of the steps of that name (from 1), and
     * its kind ({@code do}, {@code sleep} or {@code waitForEvent}); count and type may be left out.
     */
    record From(String name, Integer count, String type) {
    }

    /** The body as JSON: 400 (code 10002) when it is not JSON; null when empty and {@code optional}. */
    static JsonNode read(HttpServletRequest request, boolean optional) {
        try {
            return RequestBodies.parse(request, optional);
        } catch (DataflowApiException e) {
            throw new AccountsApiException(AccountsErrorCode.BAD_JSON, e.getMessage());
        }
    }

    /**
     * A create body ({@code {instance_id?, params?, instance_retention?}}); an empty body creates an instance with a
     * made-up id.
     *
     * @param serverRetention how long the server keeps finished executions, the most an instance's retention may be
     */
    static Create create(JsonNode body, Duration serverRetention) {
        if (body == null) {
            return new Create(null, null, Retention.NONE);
        }
        return create(body, "", serverRetention);
    }

    /** A batch body: a JSON array of 1 to {@link #MAX_BATCH} create bodies. */
    static List<Create> batch(JsonNode body, Duration serverRetention) {
        if (body == null || !body.isArray()) {
            throw AccountsApiException.invalid("the body must be a JSON array of instances to create, each"
                    + " {\"instance_id\"?, \"params\"?}");
        }
        if (body.isEmpty() || body.size() > MAX_BATCH) {
            throw AccountsApiException.invalid("a batch creates 1 to " + MAX_BATCH + " instances, got "
                    + body.size());
        }
        List<Create> creates = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            creates.add(create(body.get(i), "[" + i + "].", serverRetention));
        }
        return creates;
    }

    private static Create create(JsonNode body, String at, Duration serverRetention) {
        if (!body.isObject()) {
            throw AccountsApiException.invalid((at.isEmpty() ? "the body" : at.substring(0, at.length() - 1))
                    + " must be a JSON object {\"instance_id\"?, \"params\"?}");
        }
        unknownFields(body, CREATE_FIELDS, at);
        JsonNode hint = body.get("location_hint");
        if (hint != null && !hint.isNull() && !(hint.isString() && LOCATION_HINTS.contains(hint.asString()))) {
            throw AccountsApiException.invalid(at + "location_hint must be one of " + String.join(", ",
                    LOCATION_HINTS.stream().sorted().toList()));
        }
        String id = null;
        JsonNode idNode = body.get("instance_id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isString()) {
                throw AccountsApiException.invalid(at + "instance_id must be a string");
            }
            id = idNode.asString();
            BindingNames.executionProblem(id).ifPresent(problem -> {
                throw AccountsApiException.invalid(at + "instance_id " + problem);
            });
            if (RESERVED_ID.matcher(id).matches()) {
                throw AccountsApiException.invalid(at + "instance_id: ids of cf_ and 64 lowercase hexadecimal"
                        + " characters are reserved, as on Cloudflare");
            }
        }
        return new Create(id, params(body.get("params"), at),
                RetentionBody.read(body.get("instance_retention"), at + "instance_retention", serverRetention));
    }

    /**
     * The execution's inputs from {@code params}: an object is the inputs; a string (the SDK declares params as a
     * JSON-encoded string) is read as JSON and must hold an object; anything else is refused, since a workflow's
     * inputs are named.
     */
    private static ObjectNode params(JsonNode params, String at) {
        if (params == null || params.isNull()) {
            return null;
        }
        JsonNode value = params;
        if (params.isString()) {
            try {
                value = Json.parse(params.asString());
            } catch (JacksonException | IllegalArgumentException e) {
                value = params;
            }
        }
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw AccountsApiException.invalid(at + "params must be a JSON object, or a string holding one: the"
                + " workflow's inputs are named, each a member of params");
    }

    /** A status change body: {@code {status, from?}}, {@code rollback} refused. */
    static StatusChange status(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw AccountsApiException.invalid("the body must be a JSON object {\"status\": \"pause\" | \"resume\""
                    + " | \"terminate\" | \"restart\"}");
        }
        unknownFields(body, STATUS_FIELDS, "");
        JsonNode status = body.get("status");
        if (status == null || !status.isString()) {
            throw AccountsApiException.invalid("status is required: pause, resume, terminate or restart");
        }
        JsonNode rollback = body.get("rollback");
        if (rollback != null && !rollback.isNull() && !(rollback.isBoolean() && !rollback.asBoolean())) {
            throw AccountsApiException.invalid("rollback is not supported yet: workflows here have no rollback"
                    + " steps");
        }
        JsonNode from = body.get("from");
        return new StatusChange(status.asString(), from == null || from.isNull() ? null : from(from));
    }

    private static From from(JsonNode from) {
        if (!from.isObject()) {
            throw AccountsApiException.invalid("from must be a JSON object {\"name\", \"count\"?, \"type\"?}"
                    + " naming the step to restart from");
        }
        unknownFields(from, FROM_FIELDS, "from.");
        JsonNode name = from.get("name");
        if (name == null || !name.isString() || name.asString().isEmpty()) {
            throw AccountsApiException.invalid("from.name is required: the name of the step to restart from");
        }
        JsonNode count = from.get("count");
        Integer which = null;
        if (count != null && !count.isNull()) {
            if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 1) {
                throw AccountsApiException.invalid("from.count must be a whole number from 1: which of the steps"
                        + " named from.name, in the order they ran");
            }
            which = count.asInt();
        }
        JsonNode type = from.get("type");
        String kind = null;
        if (type != null && !type.isNull()) {
            if (!type.isString() || !STEP_KINDS.contains(type.asString())) {
                throw AccountsApiException.invalid("from.type must be do, sleep or waitForEvent");
            }
            kind = type.asString();
        }
        return new From(name.asString(), which, kind);
    }

    private static void unknownFields(JsonNode body, Set<String> known, String at) {
        for (String name : body.propertyNames()) {
            if (!known.contains(name)) {
                throw AccountsApiException.invalid(at + name + " is not a field here; the fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
