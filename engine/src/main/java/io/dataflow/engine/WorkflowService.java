package io.dataflow.engine;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowVersion;
import io.dataflow.engine.store.WorkflowStore;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Creating, changing, reading and deleting workflows. A definition is compiled before anything is stored, so an
 * invalid one changes nothing.
 */
public final class WorkflowService {

    /** A workflow with its current version. */
    public record WorkflowWithVersion(Workflow workflow, WorkflowVersion version) {
    }

    private final WorkflowStore store;
    private final DefinitionCompiler compiler;
    private final ExecutionService executions;

    WorkflowService(WorkflowStore store, DefinitionCompiler compiler, ExecutionService executions) {
        this.store = store;
        this.compiler = compiler;
        this.executions = executions;
    }

    /**
     * @throws io.dataflow.engine.model.InvalidDefinitionException listing every problem of the definition
     * @throws io.dataflow.engine.store.NameTakenException when the name is taken
     */
    public Workflow create(String organizationId, String name, String description, Definition definition,
            JsonNode source, String author) {
        compiler.compile(definition);
        return store.create(organizationId, name, description, definition, source, author);
    }

    /** Replaces the definition, making a new version when it changed; empty when there is no such workflow. */
    public Optional<Workflow> update(String organizationId, String workflowId, String name, String description,
            Definition definition, JsonNode source, String author) {
        compiler.compile(definition);
        return store.update(organizationId, workflowId, name, description, definition, source, author);
    }

    public Optional<WorkflowWithVersion> find(String organizationId, String workflowId) {
        return store.find(organizationId, workflowId).map(w -> new WorkflowWithVersion(w,
                store.version(w.id(), w.currentVersion()).orElseThrow()));
    }

    public boolean exists(String organizationId, String workflowId) {
        return store.exists(organizationId, workflowId);
    }

    public Page<Workflow> list(String organizationId, String cursor, int limit) {
        return store.list(organizationId, cursor, limit);
    }

    /**
     * Deletes a workflow: it is no longer found or listed, its name is free, and its unfinished executions are
     * stopped (a deleted workflow's executions cannot be read or cancelled any more, so none may keep running).
     *
     * @return false when there is no such workflow
     */
    public boolean delete(String organizationId, String workflowId) {
        if (!store.delete(organizationId, workflowId)) {
            return false;
        }
        executions.cancelUnfinished(organizationId, workflowId);
        return true;
    }
}
