package io.dataflow.engine;

import io.dataflow.engine.ExecutionService.StartRequest;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Binding;
import io.dataflow.engine.model.BindingNames;
import io.dataflow.engine.model.BindingVersion;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.CredentialRefusedException;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionNameTakenException;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.NamedExecution;
import io.dataflow.engine.model.NamedExecutionFilter;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.RepeatedExecutionNameException;
import io.dataflow.engine.model.Retention;
import io.dataflow.engine.model.UnknownWorkflowException;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowNotExecutableException;
import io.dataflow.engine.store.BindingStore;
import io.dataflow.engine.store.ExecutionStore;
import io.dataflow.engine.store.Ids;
import io.dataflow.engine.store.WorkflowStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bindings ({@link Binding}): names of an organization under which its workflows take named executions
 * ({@link NamedExecution}), their versions, and starting, finding and listing those executions. Seed 003 calls a
 * binding a "workflow" and a named execution an "instance" (its name the "instance id"); the engine keeps its own
 * words. A binding belongs to its organization, so every access of the organization reads and uses it; binding a
 * workflow needs an access that may read the workflow. Every other control of a named execution (pause, resume,
 * terminate, restart, rerun, events, reading its steps) goes through {@link ExecutionService} by its execution's id.
 *
 * <p>Names are checked here ({@link BindingNames}): a bad one throws {@link IllegalArgumentException} naming what is
 * wrong, and changes nothing. The organization's limits on starts are the caller's to check, as for every other
 * start.
 *
 * <p>An execution started through a binding runs with {@link StepDefaults#BINDING}: a step that sets no retry policy
 * or timeout, in a workflow that sets none, gets those instead of the engine's.
 */
public final class BindingService {

    private final BindingStore store;
    private final WorkflowStore workflows;
    private final ExecutionService executions;

    BindingService(BindingStore store, WorkflowStore workflows, ExecutionService executions) {
        this.store = store;
        this.workflows = workflows;
        this.executions = executions;
    }

    /**
     * Binds a name to a workflow under a label ({@code className}, kept as given): makes the binding with its first
     * version, or makes a new version when the workflow, the label, or the workflow's runnable version (its deployed
     * version, else its current one) differs from what the binding's current version pins; else changes nothing.
     * Executions already started keep their version; new ones start on the new one.
     *
     * @throws IllegalArgumentException for a bad name
     * @throws UnknownWorkflowException when the access reads no such live workflow of its organization
     */
    public BindingStore.Bound bind(Access access, String name, String workflowId, String className) {
        return bind(access, name, workflowId, className, Retention.NONE);
    }

    /**
     * Binds as {@link #bind(Access, String, String, String)} does, with the retention of the executions started on
     * the version that set none of their own; a different retention makes a new version too.
     */
    public BindingStore.Bound bind(Access access, String name, String workflowId, String className,
            Retention retention) {
        checkBindingName(name);
        Workflow workflow = (workflowId == null ? Optional.<Workflow>empty() : workflows.find(access, workflowId))
                .orElseThrow(() -> new UnknownWorkflowException(workflowId));
        return store.bind(access.organizationId(), name, workflow.id(), workflow.runnableVersion(),
                className == null ? "" : className, retention);
    }

    /** The organization's live binding of this name. */
    public Optional<Binding> find(Access access, String name) {
        if (BindingNames.bindingProblem(name).isPresent()) {
            return Optional.empty();
        }
        return store.find(access.organizationId(), name);
    }

    /**
     * The organization's live bindings ordered by name, those whose name contains {@code search} ignoring case (every
     * one when null), skipping {@code offset}, with how many match in all.
     */
    public CountedPage<Binding> list(Access access, String search, int offset, int limit) {
        return store.list(access.organizationId(), search, offset, limit);
    }

    /**
     * Deletes a binding and every execution started through it, never the workflows it bound: unfinished executions
     * are terminated first, and all of it happens in one transaction, so a crash midway leaves everything as it was
     * ({@link BindingStore#delete}). The name is free again at once.
     *
     * @return false when there is no such live binding
     */
    public boolean delete(Access access, String name) {
        return find(access, name).isPresent() && store.delete(access.organizationId(), name);
    }

    /** A binding's versions, newest first, with how many it has; empty when there is no such binding. */
    public Optional<CountedPage<BindingVersion>> versions(Access access, String name, int offset, int limit) {
        return find(access, name).map(binding -> store.versions(binding.id(), offset, limit));
    }

    /** A version of the binding by its id; empty when there is no such binding or version. */
    public Optional<BindingVersion> version(Access access, String name, String versionId) {
        return find(access, name).flatMap(binding -> store.version(binding.id(), versionId));
    }

    /**
     * How many of the binding's executions are in each status (every status present, zero or more); empty when
     * there is no such binding.
     */
    public Optional<Map<ExecutionStatus, Long>> countByStatus(Access access, String name) {
        return find(access, name).map(binding -> store.countByStatus(binding.id()));
    }

    /**
     * How many executions of each of these bindings (as {@link #find} or {@link #list} gave them to the access) are
     * in each status, by binding id, in one read; a binding deleted meanwhile counts none.
     */
    public Map<String, Map<ExecutionStatus, Long>> countByStatus(List<Binding> bindings) {
        return store.countByStatus(bindings.stream().map(Binding::id).distinct().toList());
    }

    /**
     * One execution to start through a binding: its name, or null for one made up, what to start it with, and its
     * retention (what it leaves out is the binding version's).
     */
    public record NamedStart(String name, StartRequest request, Retention retention) {

        /** Kept as the binding version says. */
        public NamedStart(String name, StartRequest request) {
            this(name, request, Retention.NONE);
        }
    }

    /**
     * What starting a batch did.
     *
     * @param started the executions started, in the order asked
     * @param skipped the names asked that an execution of the binding already had, in the order asked
     */
    public record NamedStarts(List<NamedExecution> started, List<String> skipped) {
    }

    /**
     * Queues an execution through the binding: of the workflow version its current version pins, named
     * {@code executionName}, or when null named as its own execution id. Sets the binding's last triggered time.
     *
     * @return the queued execution; empty when there is no such binding
     * @throws IllegalArgumentException for a bad execution name
     * @throws UnknownWorkflowException when the workflow it binds was deleted (binding it again to a live one
     *     mends it)
     * @throws ExecutionNameTakenException when an execution of the binding has the name
     * @throws InvalidDefinitionException listing every problem of the inputs
     * @throws CredentialRefusedException when a template reads a credential the starter may not read that way
     * @throws WorkflowNotExecutableException when the workflow is paused or archived
     */
    public Optional<NamedExecution> start(Access access, String bindingName, String executionName,
            StartRequest request) {
        return start(access, bindingName, new NamedStart(executionName, request));
    }

    /**
     * Queues an execution through the binding as {@link #start(Access, String, String, StartRequest)} does, kept for
     * the start's retention once it finished (what it leaves out is the binding version's).
     */
    public Optional<NamedExecution> start(Access access, String bindingName, NamedStart start) {
        String executionName = start.name();
        StartRequest request = start.request();
        if (executionName != null) {
            checkExecutionName(executionName);
        }
        Optional<Binding> found = find(access, bindingName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Binding binding = found.get();
        BindingVersion version = store.version(binding.id(), binding.versionId()).orElseThrow();
        ExecutionStore.NewExecution next = prepare(access, binding, version, start);
        if (executions.submit(next)) {
            return Optional.of(named(next));
        }
        if (store.findExecution(binding.id(), next.named().name()).isPresent()) {
            throw new ExecutionNameTakenException(bindingName, next.named().name());
        }
        return refused(access, bindingName, version);
    }

    /**
     * Why starts through a binding that the store refused were refused, when no name was taken: empty when the
     * binding was deleted meanwhile, else thrown.
     */
    private <T> Optional<T> refused(Access access, String bindingName, BindingVersion version) {
        boolean live = executions.executable(access.organizationId(), version.workflowId());
        if (store.find(access.organizationId(), bindingName).isEmpty()) {
            return Optional.empty();
        }
        if (!live) {
            throw new UnknownWorkflowException(version.workflowId());
        }
        throw new IllegalStateException("a start through '" + bindingName + "' was refused for no known reason");
    }

    /**
     * Queues executions through the binding, all or nothing in one transaction, as {@link #start} does each: those
     * whose name an execution of the binding already has are skipped, not started, and reported so.
     *
     * @return what was started and skipped; empty when there is no such binding
     * @throws IllegalArgumentException for a bad execution name
     * @throws UnknownWorkflowException when the workflow it binds was deleted
     * @throws RepeatedExecutionNameException when two starts have one name; nothing is started
     * @throws InvalidDefinitionException listing every problem of every start's inputs, each pointer under
     *     {@code /<index>}; nothing is started
     * @throws CredentialRefusedException when a template reads a credential a starter may not read that way
     * @throws WorkflowNotExecutableException when the workflow is paused or archived
     */
    public Optional<NamedStarts> startAll(Access access, String bindingName, List<NamedStart> starts) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            String name = starts.get(i).name();
            if (name != null) {
                checkExecutionName(name);
                if (seen.putIfAbsent(name, i) != null) {
                    throw new RepeatedExecutionNameException(name, i);
                }
            }
        }
        Optional<Binding> found = find(access, bindingName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Binding binding = found.get();
        BindingVersion version = store.version(binding.id(), binding.versionId()).orElseThrow();
        List<ExecutionStore.NewExecution> batch = new ArrayList<>(starts.size());
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            try {
                batch.add(prepare(access, binding, version, starts.get(i)));
            } catch (InvalidDefinitionException e) {
                String at = "/" + i;
                e.problems().forEach(problem -> problems.add(problem.under(at)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        if (batch.isEmpty()) {
            return Optional.of(new NamedStarts(List.of(), List.of()));
        }
        List<Boolean> created = executions.insertAll(batch);
        if (!created.contains(true) && (store.find(access.organizationId(), bindingName).isEmpty()
                || !executions.executable(access.organizationId(), version.workflowId()))) {
            return refused(access, bindingName, version);
        }
        List<NamedExecution> started = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (created.get(i)) {
                started.add(named(batch.get(i)));
            } else {
                skipped.add(batch.get(i).named().name());
            }
        }
        return Optional.of(new NamedStarts(started, skipped));
    }

    private ExecutionStore.NewExecution prepare(Access access, Binding binding, BindingVersion version,
            NamedStart start) {
        String executionId = Ids.next("ex");
        return executions.prepareNamed(access.organizationId(), executionId, version.workflowId(),
                version.workflowVersion(), start.request(), new ExecutionStore.Named(binding.id(), version.id(),
                        start.name() == null ? executionId : start.name(),
                        start.retention().orElse(version.retention())), StepDefaults.BINDING);
    }

    private static NamedExecution named(ExecutionStore.NewExecution next) {
        Execution execution = next.execution();
        return new NamedExecution(next.named().bindingId(), next.named().bindingVersionId(), next.named().name(),
                execution);
    }

    /** The binding's execution of this name, with its inputs, outputs and error. */
    public Optional<NamedExecution> findExecution(Access access, String bindingName, String executionName) {
        if (BindingNames.executionProblem(executionName).isPresent()) {
            return Optional.empty();
        }
        return find(access, bindingName).flatMap(binding -> store.findExecution(binding.id(), executionName));
    }

    /**
     * A page of the binding's executions that match the filter, by offset, with how many match; without their
     * inputs, outputs and error. Empty when there is no such binding.
     */
    public Optional<CountedPage<NamedExecution>> listExecutions(Access access, String bindingName,
            NamedExecutionFilter filter, int offset, int limit) {
        return find(access, bindingName).map(binding -> store.listExecutions(binding.id(), filter, offset, limit));
    }

    /**
     * A page of the binding's executions that match the filter, after the cursor of the page before (null for the
     * first); without their inputs, outputs and error. Empty when there is no such binding.
     *
     * @throws IllegalArgumentException for a cursor this server did not make
     */
    public Optional<Page<NamedExecution>> listExecutions(Access access, String bindingName,
            NamedExecutionFilter filter, String cursor, int limit) {
        return find(access, bindingName).map(binding -> store.listExecutions(binding.id(), filter, cursor, limit));
    }

    private static void checkBindingName(String name) {
        BindingNames.bindingProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("a binding's name " + problem);
        });
    }

    private static void checkExecutionName(String name) {
        BindingNames.executionProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("an execution's name " + problem);
        });
    }
}
