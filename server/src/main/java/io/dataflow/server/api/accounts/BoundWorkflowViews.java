package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataflow.engine.model.Binding;
import io.dataflow.engine.model.BindingVersion;
import io.dataflow.engine.model.ExecutionStatus;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@code /accounts} API answers about workflows (the engine's bindings) and their versions, in the fields
 * and words of Cloudflare's SDK ({@code WorkflowGetResponse}, {@code WorkflowUpdateResponse},
 * {@code VersionGetResponse}, {@code VersionGraphResponse}).
 */
final class BoundWorkflowViews {

    /** Cloudflare's {@code language} of a version: this server's workflows are definitions, not code; see the docs. */
    static final String LANGUAGE = "javascript";

    private BoundWorkflowViews() {
    }

    /** A workflow as listed and got: with how many of its instances are in each status. */
    record Summary(
            String id,
            String name,
            @JsonProperty("class_name") String className,
            @JsonProperty("script_name") String scriptName,
            @JsonProperty("created_on") Instant createdOn,
            @JsonProperty("modified_on") Instant modifiedOn,
            @JsonProperty("triggered_on") @JsonInclude(JsonInclude.Include.ALWAYS) Instant triggeredOn,
            Map<String, Long> instances) {

        static Summary of(Binding binding, String scriptName, Map<ExecutionStatus, Long> counts) {
            Map<String, Long> instances = new TreeMap<>();
            for (ExecutionStatus status : ExecutionStatus.values()) {
                instances.put(InstanceStatusWords.word(status), counts.getOrDefault(status, 0L));
            }
            return new Summary(binding.id(), binding.name(), binding.className(), scriptName, binding.createdAt(),
                    binding.modifiedAt(), binding.triggeredAt(), instances);
        }
    }

    /** What {@code PUT} answers: the workflow as bound, with its current version. */
    record Bound(
            String id,
            String name,
            @JsonProperty("class_name") String className,
            @JsonProperty("script_name") String scriptName,
            @JsonProperty("created_on") Instant createdOn,
            @JsonProperty("modified_on") Instant modifiedOn,
            @JsonProperty("triggered_on") @JsonInclude(JsonInclude.Include.ALWAYS) Instant triggeredOn,
            @JsonProperty("is_deleted") int isDeleted,
            @JsonProperty("terminator_running") int terminatorRunning,
            @JsonProperty("version_id") String versionId) {

        /** @param terminatorRunning whether a terminate-all of its instances is running */
        static Bound of(Binding binding, String scriptName, boolean terminatorRunning) {
            return new Bound(binding.id(), binding.name(), binding.className(), scriptName, binding.createdAt(),
                    binding.modifiedAt(), binding.triggeredAt(), 0, terminatorRunning ? 1 : 0, binding.versionId());
        }
    }

    /** What {@code DELETE} answers. */
    record Deleted(String status, boolean success) {

        static final Deleted OK = new Deleted("ok", true);
    }

    /** A version: what the workflow bound at some time. Immutable, so modified when created. */
    record Version(
            String id,
            @JsonProperty("class_name") String className,
            @JsonProperty("created_on") Instant createdOn,
            @JsonProperty("modified_on") Instant modifiedOn,
            @JsonProperty("workflow_id") String workflowId,
            @JsonProperty("has_dag") boolean hasDag,
            String language) {

        static Version of(BindingVersion version) {
            return new Version(version.id(), version.className(), version.createdAt(), version.createdAt(),
                    version.bindingId(), true, LANGUAGE);
        }
    }

    /**
     * A version with the graph of the definition it pins, under both {@code graph} (the SDK's) and {@code dag};
     * both null when the caller may not read the workflow, or it was deleted.
     */
    record Graph(
            String id,
            @JsonProperty("class_name") String className,
            @JsonProperty("created_on") Instant createdOn,
            @JsonProperty("modified_on") Instant modifiedOn,
            @JsonProperty("workflow_id") String workflowId,
            @JsonInclude(JsonInclude.Include.ALWAYS) VersionGraph graph,
            @JsonInclude(JsonInclude.Include.ALWAYS) VersionGraph dag) {

        static Graph of(BindingVersion version, VersionGraph graph) {
            return new Graph(version.id(), version.className(), version.createdAt(), version.createdAt(),
                    version.bindingId(), graph, graph);
        }
    }
}
