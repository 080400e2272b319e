package io.dataflow.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.WorkflowService.WorkflowWithVersion;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.model.WorkflowVersion;
import io.dataflow.engine.store.WorkflowStore.Share;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Seed 002's workflow objects, made from the engine's model. */
final class WorkflowViews {

    /** The status words, in lifecycle order. */
    static final String STATUS_WORDS = Arrays.stream(WorkflowStatus.values()).map(WorkflowStatus::word)
            .collect(Collectors.joining(", "));

    private WorkflowViews() {
    }

    /** A workflow's graph as shown: the nodes, connections and settings of its version, and its config. */
    record Graph(ArrayNode nodes, ArrayNode connections, ObjectNode config, ObjectNode settings) {

        /**
         * The graph of a version: as it was sent when it was sent as a graph, else drawn from its definition (a
         * workflow made of {@code /workflows} steps or tasks).
         */
        static Graph of(WorkflowVersion version) {
            JsonNode source = version.source();
            ObjectNode config = source.get("config") instanceof ObjectNode c ? c : Json.object();
            ObjectNode settings = (ObjectNode) Json.MAPPER.valueToTree(
                    GraphSettings.of(version.definition().settings()));
            if (source.get("nodes") instanceof ArrayNode nodes) {
                ArrayNode connections = source.get("connections") instanceof ArrayNode c ? c : Json.MAPPER
                        .createArrayNode();
                if (source.get("settings") instanceof ObjectNode given) {
                    settings = given;
                }
                return new Graph(nodes, connections, config, settings);
            }
            GraphDocument drawn = GraphView.of(version.definition());
            return new Graph(Json.MAPPER.valueToTree(drawn.nodes()), Json.MAPPER.valueToTree(drawn.connections()),
                    config, settings);
        }

        /** The nodes, connections and settings, as a body {@link GraphDocumentReader} reads. */
        ObjectNode members() {
            ObjectNode members = Json.object();
            members.set("nodes", nodes.deepCopy());
            members.set("connections", connections.deepCopy());
            members.set("settings", settings.deepCopy());
            return members;
        }
    }

    @Schema(name = "V1Workflow", description = "The full Workflow object of seed 002")
    record WorkflowView(String id, String name, String description, String status, int version, ArrayNode nodes,
            ArrayNode connections, ObjectNode config, ObjectNode settings, List<String> tags, String organizationId,
            String ownerId, List<String> sharedWith, boolean isPublic, boolean isTemplate, Instant createdAt,
            Instant updatedAt) {

        static WorkflowView of(WorkflowWithVersion found, List<Share> shares) {
            Workflow w = found.workflow();
            Graph graph = Graph.of(found.version());
            return new WorkflowView(w.id(), w.name(), w.description(), w.status().word(), w.currentVersion(),
                    graph.nodes(), graph.connections(), graph.config(), graph.settings(), w.tags(),
                    w.organizationId(), w.ownerId(), shares.stream().map(Share::userId).toList(), w.isPublic(),
                    w.isTemplate(), w.createdAt(), w.updatedAt());
        }
    }

    @Schema(name = "V1WorkflowSummary")
    record Summary(String id, String name, String description, String status, int version, List<String> tags,
            String organizationId, String ownerId, boolean isPublic, boolean isTemplate, Instant createdAt,
            Instant updatedAt) {

        static Summary of(Workflow w) {
            return new Summary(w.id(), w.name(), w.description(), w.status().word(), w.currentVersion(), w.tags(),
                    w.organizationId(), w.ownerId(), w.isPublic(), w.isTemplate(), w.createdAt(), w.updatedAt());
        }
    }

    @Schema(name = "V1WorkflowListing")
    record Listing(long count, int limit, int offset, List<Summary> workflows) {
    }

    @Schema(name = "V1WorkflowCreated")
    record Created(String workflowId) {
    }

    @Schema(name = "V1ExecutionCreated")
    record ExecutionCreated(String executionId) {
    }

    @Schema(name = "V1Deployment")
    record Deployment(String message, String workflowId, String status) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "V1Version")
    record Version(int version, String versionTag, String description, String createdBy, Instant createdAt) {
        static Version of(WorkflowVersion v) {
            return new Version(v.version(), v.tag(), v.description(), v.createdBy(), v.createdAt());
        }
    }

    /** One version with the graph it pinned, so two versions can be compared. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "V1VersionDefinition", description = "One version of a workflow with its graph")
    record VersionDefinition(String workflowId, int version, String versionTag, String description,
            String createdBy, Instant createdAt, ArrayNode nodes, ArrayNode connections, ObjectNode config,
            ObjectNode settings) {
        static VersionDefinition of(WorkflowVersion v) {
            Graph graph = Graph.of(v);
            return new VersionDefinition(v.workflowId(), v.version(), v.tag(), v.description(), v.createdBy(),
                    v.createdAt(), graph.nodes(), graph.connections(), graph.config(), graph.settings());
        }
    }

    @Schema(name = "V1Versions")
    record Versions(String workflowId, int currentVersion, Integer deployedVersion, List<Version> versions) {
    }

    @Schema(name = "V1VersionCreated")
    record VersionCreated(String workflowId, int version, String versionTag) {
    }

    @Schema(name = "V1SharedUser")
    record SharedUser(String userId, Instant sharedAt) {
        static SharedUser of(Share share) {
            return new SharedUser(share.userId(), share.sharedAt());
        }
    }

    @Schema(name = "V1Shares")
    record Shares(String workflowId, List<SharedUser> sharedWith) {
    }

    @Schema(name = "V1Shared")
    record Shared(String message, String workflowId, String userId) {
    }

    /** Counts by status; {@code total} is their sum. */
    @Schema(name = "V1WorkflowStats")
    record Stats(long total, long active, long paused, long draft, long archived) {
        static Stats of(Map<WorkflowStatus, Long> counts) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return new Stats(total, counts.get(WorkflowStatus.ACTIVE), counts.get(WorkflowStatus.PAUSED),
                    counts.get(WorkflowStatus.DRAFT), counts.get(WorkflowStatus.ARCHIVED));
        }
    }
}
