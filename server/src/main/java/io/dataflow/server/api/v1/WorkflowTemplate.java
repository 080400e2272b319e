package io.dataflow.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.WorkflowService.WorkflowWithVersion;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Workflow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow to start from, as {@code GET /api/v1/workflows/templates} lists it: one shipped with the server
 * ({@link BuiltInTemplates}) or a workflow of the caller's organization marked {@code isTemplate}.
 *
 * @param id a built-in's {@code tpl_...} id, or the workflow's id
 * @param category what a built-in is about ({@code ai}, {@code data}, {@code text}, {@code web}); null for workflows
 * @param nodes the graph's nodes, as {@code POST /api/v1/workflows} takes them
 * @param workflow the body that creates a workflow from this template with {@code POST /api/v1/workflows}
 * @param createdAt when the workflow was created; null for built-ins
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "V1Template")
public record WorkflowTemplate(String id, String name, String description, String category, List<String> tags,
        boolean builtIn, ArrayNode nodes, ArrayNode connections, ObjectNode config, ObjectNode settings,
        @Schema(description = "The body that creates a workflow from this template with POST /api/v1/workflows "
                + "(name, description, tags, nodes, connections, config, settings); change its name when that "
                + "name is taken") ObjectNode workflow,
        Instant createdAt) {

    public WorkflowTemplate {
        tags = List.copyOf(tags);
    }

    /** A built-in template made of its checked body; its {@code workflow} is that body. */
    static WorkflowTemplate builtIn(String id, String category, WorkflowBody body) {
        ObjectNode source = body.source(null);
        ObjectNode workflow = creating(body.name(), body.description(), body.tags(), source);
        return new WorkflowTemplate(id, body.name(), body.description(), category, body.tags(), true,
                (ArrayNode) source.get("nodes"), (ArrayNode) source.get("connections"), config(source),
                source.get("settings") instanceof ObjectNode s ? s : Json.object(), workflow, null);
    }

    /** An organization's workflow marked as a template, with its current graph. */
    static WorkflowTemplate of(WorkflowWithVersion found) {
        Workflow w = found.workflow();
        WorkflowViews.Graph graph = WorkflowViews.Graph.of(found.version());
        ObjectNode members = graph.members();
        members.set("config", graph.config().deepCopy());
        ObjectNode workflow = creating(w.name(), w.description(), w.tags(), members);
        return new WorkflowTemplate(w.id(), w.name(), w.description(), null, w.tags(), false, graph.nodes(),
                graph.connections(), graph.config(), graph.settings(), workflow, w.createdAt());
    }

    /** The body of {@code POST /api/v1/workflows} that makes this workflow; a null description is left out. */
    private static ObjectNode creating(String name, String description, List<String> tags, ObjectNode graph) {
        ObjectNode body = Json.object().put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        body.set("tags", Json.MAPPER.valueToTree(tags));
        body.setAll(graph.deepCopy());
        return body;
    }

    private static ObjectNode config(ObjectNode source) {
        return source.get("config") instanceof ObjectNode c ? c : Json.object();
    }
}
