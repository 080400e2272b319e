package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.PublicEndpoint;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.EventTypes;
import io.dataflow.engine.model.Json;
import io.dataflow.server.links.EventLinkPath;
import io.dataflow.server.links.EventLinkSigner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Event links, {@code execution.event_url}: send an event to the one execution a signed token names, without an API
 * key ({@link io.dataflow.server.auth.ApiKeyFilter} lets this path alone through). {@code GET} is for links in
 * email and chat, with the event's {@code type} and its payload's fields in the query; {@code POST} takes the payload
 * as its body. A token that this server did not sign is 404 before anything else is looked at; then the answers are
 * those of {@code POST .../events/{type}} ({@link EventSending}).
 */
@RestController
@PublicEndpoint
@RequestMapping(path = EventLinkPath.MAPPING, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Event links", description = "Send an event to an execution through the link a workflow gave out as "
        + "{{ execution.event_url }}, without an API key: the link's signed token is the credential.")
@SecurityRequirements
class EventLinksController {

    static final String TYPE = "type";

    private final Engine engine;
    private final EventLinkSigner signer;

    EventLinksController(Engine engine, EventLinkSigner signer) {
        this.engine = engine;
        this.signer = signer;
    }

    /** The OpenAPI answers of both methods. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Parameter(name = TYPE, in = ParameterIn.QUERY, required = true, schema = @Schema(type = "string"),
            description = "The event's type: 1 to 100 letters, digits, '-' and '_'", example = "approval")
    @ApiResponse(responseCode = "202", description = "Kept, and taken when a task waited for it")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "404", description = "Not a link this server gave out (changed, cut or made up), or"
            + " its execution no longer exists; nothing was kept", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.FINISHED)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @interface LinkResponses {
    }

    @Operation(operationId = "openEventLink", summary = "Send an event by opening a link (no API key)",
            description = "For links in email and chat. Keeps an event of the query's type for the link's execution,"
            + " whose payload is an object of the query's other parameters (each a string), or null when there are"
            + " none: ?type=approval&answer=yes sends {\"answer\": \"yes\"}. Link previews and mail scanners that"
            + " open links send it too.")
    @LinkResponses
    @GetMapping
    ResponseEntity<ExecutionViews.Event> open(@Parameter(description = "The signed token of the link")
            @PathVariable String token, HttpServletRequest request) {
        EventLinkSigner.Target target = target(token);
        Map<String, List<String>> query = LinkQuery.parse(request.getQueryString());
        String type = type(query);
        ObjectNode fields = Json.object();
        query.forEach((name, values) -> {
            if (!name.equals(TYPE)) {
                fields.put(name, single(name, values));
            }
        });
        return send(target, type, fields.isEmpty() ? null : fields);
    }

    @Operation(operationId = "postEventLink", summary = "Send an event through a link (no API key)",
            description = "Keeps the JSON body (any JSON, or none) as an event of the query's type for the link's"
            + " execution, as POST /workflows/{id}/executions/{eid}/events/{type} does with a key.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = "{\"approved\": true}")))
    @LinkResponses
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionViews.Event> post(@Parameter(description = "The signed token of the link")
            @PathVariable String token, HttpServletRequest request) {
        EventLinkSigner.Target target = target(token);
        Map<String, List<String>> query = LinkQuery.parse(request.getQueryString());
        String type = type(query);
        for (String name : query.keySet()) {
            if (!name.equals(TYPE)) {
                throw DataflowApiException.badParameter(name, "is not taken by POST, whose body is the event's"
                        + " payload; only '" + TYPE + "' belongs in its query");
            }
        }
        return send(target, type, RequestBodies.parse(request, true));
    }

    private EventLinkSigner.Target target(String token) {
        return signer.verify(token).orElseThrow(() -> DataflowApiException.notFound("event link"));
    }

    private static String type(Map<String, List<String>> query) {
        String type = single(TYPE, query.getOrDefault(TYPE, List.of()));
        EventTypes.problem(type).ifPresent(problem -> {
            throw DataflowApiException.badParameter(TYPE, problem + (type == null
                    ? ": the type of the event to send, 1 to 100 letters, digits, '-' and '_'" : ""));
        });
        return type;
    }

    /** The one value of a parameter, or null when it is absent; given twice, a 400 naming it. */
    private static String single(String name, List<String> values) {
        if (values.size() > 1) {
            throw DataflowApiException.badParameter(name, "is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    private ResponseEntity<ExecutionViews.Event> send(EventLinkSigner.Target target, String type, JsonNode payload) {
        return ResponseEntity.accepted().body(EventSending.send(engine.executions(), target.organizationId(),
                target.workflowId(), target.executionId(), type, payload));
    }
}
