package io.dataflow.engine;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.ChangeForbiddenException;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Lifecycle;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowListing;
import io.dataflow.engine.model.WorkflowQuery;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.model.WorkflowVersion;
import io.dataflow.engine.store.NameTakenException;
import io.dataflow.engine.store.UserStore;
import io.dataflow.engine.store.WorkflowStore;
import io.dataflow.engine.store.WorkflowStore.NewWorkflow;
import io.dataflow.engine.store.WorkflowStore.Share;
import io.dataflow.engine.store.WorkflowStore.WorkflowChange;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Creating, changing, reading, sharing and deleting workflows, and their lifecycle. A definition is compiled before
 * anything is stored, so an invalid one changes nothing. Every method that takes an {@link Access} sees only the
 * workflows it may read (others are "not found"), and throws {@link ChangeForbiddenException} for a change it may
 * read but not make.
 */
public final class WorkflowService {

    /** A workflow with its current version. */
    public record WorkflowWithVersion(Workflow workflow, WorkflowVersion version) {
    }

    /** What came of sharing a workflow, or of no longer sharing it. */
    public enum Sharing {
        DONE, NO_WORKFLOW, NO_USER
    }

    private static final int MAX_COPY_NAMES = 50;

    private final WorkflowStore store;
    private final UserStore users;
    private final DefinitionCompiler compiler;
    private final ExecutionService executions;

    WorkflowService(WorkflowStore store, UserStore users, DefinitionCompiler compiler, ExecutionService executions) {
        this.store = store;
        this.users = users;
        this.compiler = compiler;
        this.executions = executions;
    }

    /**
     * @throws io.dataflow.engine.model.InvalidDefinitionException listing every problem of the definition
     * @throws NameTakenException when the name is taken
     */
    public Workflow create(NewWorkflow next) {
        compiler.compile(next.definition());
        return store.create(next);
    }

    /**
     * Checks a definition as creating a workflow would, storing nothing.
     *
     * @throws io.dataflow.engine.model.InvalidDefinitionException listing every problem of the definition
     */
    public void check(Definition definition) {
        compiler.compile(definition);
    }

    /**
     * Changes a workflow; a changed definition makes a new version.
     *
     * @return the workflow after the change; empty when the access reads no such workflow
     */
    public Optional<Workflow> update(Access access, String workflowId, WorkflowChange change) {
        if (change.definition() != null) {
            compiler.compile(change.definition());
        }
        if (changeable(access, workflowId).isEmpty()) {
            return Optional.empty();
        }
        return store.update(access.organizationId(), workflowId, change, access.userId());
    }

    /** A workflow the access may read, with its current version. */
    public Optional<WorkflowWithVersion> find(Access access, String workflowId) {
        return store.find(access, workflowId).map(w -> new WorkflowWithVersion(w,
                store.version(w.id(), w.currentVersion()).orElseThrow()));
    }

    /** The live workflow the access may read with this id, or else with this name. */
    public Optional<Workflow> findByIdOrName(Access access, String idOrName) {
        return store.find(access, idOrName).or(() -> store.findByName(access, idOrName));
    }

    /** Whether the access may read a live workflow with this id. */
    public boolean readable(Access access, String workflowId) {
        return store.find(access, workflowId).isPresent();
    }

    /** The workflows the access may read, newest first. */
    public Page<Workflow> list(Access access, String cursor, int limit) {
        return store.list(access, cursor, limit);
    }

    /** The workflows the access may read that match the query, with how many match in all. */
    public WorkflowListing list(Access access, WorkflowQuery query) {
        return store.list(access, query);
    }

    /** How many workflows the access may read have each status. */
    public Map<WorkflowStatus, Long> countByStatus(Access access) {
        return store.countByStatus(access);
    }

    /**
     * Deletes a workflow: it is no longer found or listed, its name is free, and its unfinished executions are
     * stopped (a deleted workflow's executions cannot be read or cancelled any more, so none may keep running).
     *
     * @return false when the access reads no such workflow
     */
    public boolean delete(Access access, String workflowId) {
        if (changeable(access, workflowId).isEmpty() || !store.delete(access.organizationId(), workflowId)) {
            return false;
        }
        executions.cancelUnfinished(access.organizationId(), workflowId);
        return true;
    }

    /**
     * A copy of a workflow's current definition, tags and settings as a new draft owned by the caller, named
     * "{name} (copy)" (or "(copy 2)" and so on while that is taken). Anyone who may read a workflow may copy it.
     *
     * @return empty when the access reads no such workflow
     */
    public Optional<Workflow> duplicate(Access access, String workflowId) {
        Optional<WorkflowWithVersion> found = find(access, workflowId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Workflow original = found.get().workflow();
        WorkflowVersion version = found.get().version();
        for (int n = 1; n <= MAX_COPY_NAMES; n++) {
            String name = copyName(original.name(), n);
            try {
                return Optional.of(store.create(new NewWorkflow(access.organizationId(), access.userId(), name,
                        original.description(), WorkflowStatus.DRAFT, original.tags(), false, false,
                        version.definition(), version.source())));
            } catch (NameTakenException e) {
                // try the next name
            }
        }
        throw new NameTakenException(copyName(original.name(), MAX_COPY_NAMES));
    }

    private static String copyName(String name, int n) {
        String suffix = n == 1 ? " (copy)" : " (copy " + n + ")";
        return name.length() + suffix.length() > 200 ? name.substring(0, 200 - suffix.length()) + suffix
                : name + suffix;
    }

    /** Sets a workflow's status, if its status may change to that one ({@link WorkflowStatus#next()}). */
    public Lifecycle setStatus(Access access, String workflowId, WorkflowStatus status) {
        return transition(access, workflowId, current -> current.status().canBecome(status)
                ? new Lifecycle.Changed(with(current, status, status == WorkflowStatus.DRAFT ? null
                        : current.deployedVersion()))
                : new Lifecycle.NotAllowed(current.status(), current.status().next()));
    }

    /**
     * Deploys a workflow: checks its current version again, pins it as the version executions run, and makes the
     * workflow active. Not allowed once archived.
     *
     * @throws io.dataflow.engine.model.InvalidDefinitionException when the current version no longer compiles (a task
     *     type it uses is gone, say)
     * @throws io.dataflow.engine.model.NothingToRunException when the current version has no task: it could never
     *     run
     */
    public Lifecycle deploy(Access access, String workflowId) {
        Optional<WorkflowWithVersion> found = find(access, workflowId);
        if (found.isEmpty()) {
            return new Lifecycle.NoWorkflow();
        }
        compiler.compile(found.get().version().definition()).runnable(workflowId, false);
        Set<WorkflowStatus> allowed = EnumSet.of(WorkflowStatus.DRAFT, WorkflowStatus.ACTIVE, WorkflowStatus.PAUSED);
        return transition(access, workflowId, current -> allowed.contains(current.status())
                ? new Lifecycle.Changed(with(current, WorkflowStatus.ACTIVE, current.currentVersion()))
                : new Lifecycle.NotAllowed(current.status(), allowed));
    }

    /** Undeploys a workflow: it is a draft again and runs its current version. Allowed while active or paused. */
    public Lifecycle undeploy(Access access, String workflowId) {
        Set<WorkflowStatus> allowed = EnumSet.of(WorkflowStatus.ACTIVE, WorkflowStatus.PAUSED);
        return transition(access, workflowId, current -> allowed.contains(current.status())
                ? new Lifecycle.Changed(with(current, WorkflowStatus.DRAFT, null))
                : new Lifecycle.NotAllowed(current.status(), allowed));
    }

    private Lifecycle transition(Access access, String workflowId, Function<Workflow, Lifecycle> decide) {
        if (changeable(access, workflowId).isEmpty()) {
            return new Lifecycle.NoWorkflow();
        }
        return store.transition(access.organizationId(), workflowId, decide);
    }

    private static Workflow with(Workflow w, WorkflowStatus status, Integer deployedVersion) {
        return new Workflow(w.id(), w.organizationId(), w.name(), w.description(), w.currentVersion(), status,
                w.ownerId(), w.tags(), w.isPublic(), w.isTemplate(), deployedVersion, w.createdAt(), w.updatedAt());
    }

    /** One version of a live workflow the access may read. */
    public Optional<WorkflowVersion> version(Access access, String workflowId, int version) {
        return store.find(access, workflowId).flatMap(w -> store.version(w.id(), version));
    }

    /** Every version of a workflow the access may read, oldest first. */
    public Optional<List<WorkflowVersion>> versions(Access access, String workflowId) {
        return store.find(access, workflowId).map(w -> store.versions(w.id()));
    }

    /**
     * Snapshots the current definition as a new version with a tag, which becomes the current version.
     *
     * @return the new version's number; empty when the access reads no such workflow
     * @throws io.dataflow.engine.store.VersionTagTakenException when another version has the tag
     */
    public Optional<Integer> tagVersion(Access access, String workflowId, String tag, String description) {
        if (changeable(access, workflowId).isEmpty()) {
            return Optional.empty();
        }
        return store.tagVersion(access.organizationId(), workflowId, tag, description, access.userId());
    }

    /** The users a workflow the access may read is shared with. */
    public Optional<List<Share>> shares(Access access, String workflowId) {
        return store.find(access, workflowId).map(w -> store.shares(w.id()));
    }

    /** Shares a workflow with a live user of its organization; sharing again changes nothing. */
    public Sharing share(Access access, String workflowId, String userId) {
        if (changeable(access, workflowId).isEmpty()) {
            return Sharing.NO_WORKFLOW;
        }
        if (users.find(access.organizationId(), userId).isEmpty()) {
            return Sharing.NO_USER;
        }
        store.share(workflowId, userId);
        return Sharing.DONE;
    }

    /** Stops sharing a workflow with a user; done as well when it was not shared with them. */
    public Sharing unshare(Access access, String workflowId, String userId) {
        if (changeable(access, workflowId).isEmpty()) {
            return Sharing.NO_WORKFLOW;
        }
        if (!store.unshare(workflowId, userId) && users.find(access.organizationId(), userId).isEmpty()) {
            return Sharing.NO_USER;
        }
        return Sharing.DONE;
    }

    /** The workflow, when the access may read it; throws when it may read but not change it. */
    private Optional<Workflow> changeable(Access access, String workflowId) {
        Optional<Workflow> found = store.find(access, workflowId);
        if (found.isPresent() && !access.canChange(found.get())) {
            throw new ChangeForbiddenException(workflowId);
        }
        return found;
    }
}
