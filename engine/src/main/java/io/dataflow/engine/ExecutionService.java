package io.dataflow.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.ExecutionState;
import io.dataflow.engine.decide.Happening;
import io.dataflow.engine.definition.ChangedInputs;
import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.definition.FileInputs;
import io.dataflow.engine.definition.InputValidator;
import io.dataflow.engine.definition.ValidatedInputs;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.CredentialRefusedException;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.WorkflowNotExecutableException;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.EventTypes;
import io.dataflow.engine.model.ExecutionListing;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.NothingToRunException;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowVersion;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.StepSettings;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.model.UnknownStepException;
import io.dataflow.engine.run.GroupCommit;
import io.dataflow.engine.run.PlanCache;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.store.EarlierRun;
import io.dataflow.engine.store.EventStore;
import io.dataflow.engine.store.ExecutionRef;
import io.dataflow.engine.store.ExecutionStore;
import io.dataflow.engine.store.Ids;
import io.dataflow.engine.store.OutputLimits;
import io.dataflow.engine.store.PlannedStep;
import io.dataflow.engine.store.StoredExecution;
import io.dataflow.engine.store.StoredJson;
import io.dataflow.engine.store.TaskTransitions;
import io.dataflow.engine.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starting executions, reading them, and stopping them. Starts that arrive together are stored in one
 * transaction ({@link GroupCommit}); each request still returns only once its execution is committed.
 */
public final class ExecutionService implements AutoCloseable {

    /** Bounds one start transaction; more concurrent starts than this simply take two. */
    private static final int MAX_STARTS_PER_TRANSACTION = 256;

    private final WorkflowStore workflows;
    private final ExecutionStore executions;
    private final EventStore events;
    private final OutputLimits outputLimits;
    private final TaskTransitions transitions;
    private final PlanCache plans;
    private final InputValidator inputValidator;
    private final DefinitionCompiler compiler;
    private final FileInputs fileInputs;
    private final CredentialVault credentials;
    private final Clock clock;
    private final GroupCommit<ExecutionStore.NewExecution, Boolean> starts;
    private final Decider decider = new Decider();
    /** The version each workflow runs as last seen; checked by the insert itself, so never trusted blindly. */
    private final Cache<String, Integer> runnableVersions = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    ExecutionService(WorkflowStore workflows, ExecutionStore executions, EventStore events, TaskTransitions transitions,
            PlanCache plans, DefinitionCompiler compiler, InputValidator inputValidator, FileInputs fileInputs, CredentialVault credentials,
            OutputLimits outputLimits, Clock clock) {
        this.workflows = workflows;
        this.executions = executions;
        this.events = events;
        this.outputLimits = outputLimits;
        this.transitions = transitions;
        this.plans = plans;
        this.inputValidator = inputValidator;
        this.compiler = compiler;
        this.fileInputs = fileInputs;
        this.credentials = credentials;
        this.clock = clock;
        this.starts = new GroupCommit<>("dataflow-starts", executions::insertAll, MAX_STARTS_PER_TRANSACTION);
    }

    /**
     * What to start.
     *
     * @param startedBy who starts it: the credentials' rules are applied to this starter's rights
     */
    public record StartRequest(JsonNode inputs, String webhookUrl, String triggerSource, StartedBy startedBy) {

        /** Started by no known key, which gets no admin rights. */
        public StartRequest(JsonNode inputs, String webhookUrl, String triggerSource) {
            this(inputs, webhookUrl, triggerSource, StartedBy.UNKNOWN);
        }

        public StartRequest {
            if (startedBy == null) {
                throw new IllegalArgumentException("startedBy is required");
            }
        }
    }

    /**
     * Queues an execution of the workflow's deployed version, or its current version when it is not deployed. The
     * inputs are checked against the version's declared inputs first; problems are reported with pointers relative
     * to the inputs object.
     *
     * @return the queued execution, or empty when there is no such workflow
     * @throws InvalidDefinitionException listing every problem of the inputs
     * @throws CredentialRefusedException when a template of the workflow reads a credential the starter may not
     *     read that way
     * @throws WorkflowNotExecutableException when the workflow is paused or archived
     * @throws NothingToRunException when the version has no task; nothing is stored
     */
    public Optional<Execution> start(String organizationId, String workflowId, StartRequest request) {
        String key = organizationId + "/" + workflowId;
        Integer known = runnableVersions.getIfPresent(key);
        if (known != null) {
            try {
                Optional<Execution> started = tryStart(organizationId, workflowId, known, false, request);
                if (started.isPresent()) {
                    return started;
                }
            } catch (InvalidDefinitionException | CredentialRefusedException | NothingToRunException e) {
                // A newer version than the one remembered may accept these inputs, read other credentials, or have
                // tasks: check against the current one below.
            }
            runnableVersions.invalidate(key); // changed or deleted since: look again
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Integer> version = runnableVersion(organizationId, workflowId);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            Optional<Execution> started = tryStart(organizationId, workflowId, version.get(), false, request);
            if (started.isPresent()) {
                runnableVersions.put(key, version.get());
                return started;
            }
        }
        throw new IllegalStateException("workflow " + workflowId + " kept changing while an execution was started");
    }

    /**
     * Queues an execution that runs its own definition instead of the workflow's: the definition is checked like any
     * other and stored as the execution's own snapshot (a version numbered below zero that no listing shows).
     *
     * @param source the definition as the dialect received it, shown back with the execution's version
     * @param author the user who sent it
     * @return the queued execution, or empty when there is no such workflow
     * @throws InvalidDefinitionException listing every problem of the definition, or of the inputs
     * @throws WorkflowNotExecutableException when the workflow is paused or archived
     * @throws NothingToRunException when the definition has no task; no snapshot is stored
     */
    public Optional<Execution> start(String organizationId, String workflowId, Definition definition,
            JsonNode source, String author, StartRequest request) {
        compiler.compile(definition).runnable(workflowId, true);
        Optional<Workflow> workflow = workflows.find(organizationId, workflowId);
        if (workflow.isEmpty()) {
            return Optional.empty();
        }
        if (!workflow.get().status().executable()) {
            throw new WorkflowNotExecutableException(workflowId, workflow.get().status());
        }
        Optional<Integer> version = workflows.snapshotForExecution(organizationId, workflowId, definition, source,
                author);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Optional<Execution> started = tryStart(organizationId, workflowId, version.get(), true, request);
        if (started.isEmpty()) {
            refusedStart(organizationId, workflowId);
        }
        return started;
    }

    /** Why a start the store refused was refused: the workflow is gone (empty) or takes no executions (thrown). */
    private Optional<Execution> refusedStart(String organizationId, String workflowId) {
        Optional<Workflow> workflow = workflows.find(organizationId, workflowId);
        if (workflow.isPresent() && !workflow.get().status().executable()) {
            throw new WorkflowNotExecutableException(workflowId, workflow.get().status());
        }
        return Optional.empty();
    }

    /**
     * Starts the execution on {@code version}; empty when that is no longer the version the workflow runs (unless
     * {@code pinned}) or the workflow takes no executions.
     */
    private Optional<Execution> tryStart(String organizationId, String workflowId, int version, boolean pinned,
            StartRequest request) {
        // A pinned start runs the definition given with it.
        Plan plan = plans.plan(workflowId, version).runnable(workflowId, pinned);
        JsonNode inputs = validInputs(organizationId, plan, request.inputs()).orElseThrow();
        checkSecrets(organizationId, plan, request.startedBy());
        Execution execution = new Execution(Ids.next("ex"), organizationId, workflowId, version, ExecutionStatus.QUEUED,
                inputs, null, null, request.webhookUrl(), request.triggerSource(), clock.instant(), null, null);
        boolean created;
        try {
            created = starts.submit(new ExecutionStore.NewExecution(execution, PlannedStep.of(plan,
                    execution.stepDefaults()), request.startedBy(),
                    null, pinned));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an execution", e);
        }
        if (!created) {
            return Optional.empty();
        }
        return Optional.of(execution);
    }

    /**
     * An execution of {@code version} of the workflow with checked inputs, ready to insert through a binding (pinned
     * to that version, whatever the workflow runs now).
     *
     * @param defaults what its steps run with when neither they nor the workflow set a retry policy or timeout
     *
     * @throws InvalidDefinitionException listing every problem of the inputs
     * @throws CredentialRefusedException when a template reads a credential the starter may not read that way
     * @throws NothingToRunException when the version has no task
     */
    ExecutionStore.NewExecution prepareNamed(String organizationId, String executionId, String workflowId,
            int version, StartRequest request, ExecutionStore.Named named, StepDefaults defaults) {
        Plan plan = plans.plan(workflowId, version).runnable(workflowId, false);
        JsonNode inputs = validInputs(organizationId, plan, request.inputs()).orElseThrow();
        checkSecrets(organizationId, plan, request.startedBy());
        Execution execution = new Execution(executionId, organizationId, workflowId, version,
                ExecutionStatus.QUEUED, inputs, null, null, request.webhookUrl(), request.triggerSource(),
                clock.instant(), null, null, 1, null, defaults);
        return new ExecutionStore.NewExecution(execution, PlannedStep.of(plan, defaults), request.startedBy(), null,
                true, named);
    }

    /** Stores one execution with whatever other starts arrive together; whether it was created. */
    boolean submit(ExecutionStore.NewExecution next) {
        try {
            return starts.submit(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting an execution", e);
        }
    }

    /** Stores executions in one transaction of their own, all or nothing; whether each was created. */
    List<Boolean> insertAll(List<ExecutionStore.NewExecution> next) {
        return executions.insertAll(next);
    }

    /**
     * Throws {@link WorkflowNotExecutableException} when the workflow takes no executions; returns whether it is a
     * live workflow of the organization.
     */
    boolean executable(String organizationId, String workflowId) {
        Optional<Workflow> workflow = workflows.find(organizationId, workflowId);
        if (workflow.isPresent() && !workflow.get().status().executable()) {
            throw new WorkflowNotExecutableException(workflowId, workflow.get().status());
        }
        return workflow.isPresent();
    }

    /**
     * A rerun of a finished execution from one of its steps.
     *
     * @param fromTask the step to run again, with every step downstream of it
     * @param inputs the new execution's inputs, or null for the original's
     * @param taskInputs new values for inputs of {@code fromTask} by port name ({@link ChangedInputs}), or null or
     *     empty to run it as the original's version has it
     * @param author the user asking, who authors the changed definition when task inputs change
     */
    public record RerunRequest(String fromTask, JsonNode inputs, ObjectNode taskInputs, String author,
            StartedBy startedBy) {

        /** A rerun that changes no task's inputs. */
        public RerunRequest(String fromTask, JsonNode inputs, StartedBy startedBy) {
            this(fromTask, inputs, null, null, startedBy);
        }

        boolean changesTaskInputs() {
            return taskInputs != null && !taskInputs.isEmpty();
        }
    }

    /** What asking for a rerun did. */
    public sealed interface Rerun {
    }

    /** There is no such execution in the organization's workflow, or the workflow was deleted. */
    public record RerunOfNothing() implements Rerun {
    }

    /** The execution has not finished: it cannot be rerun yet. */
    public record RerunOfUnfinished(ExecutionStatus status) implements Rerun {
    }

    /** The execution's version has no step of that name; {@code steps} are the ones it has, in definition order. */
    public record RerunFromUnknownStep(List<String> steps) implements Rerun {
    }

    /**
     * The new inputs or the new task inputs are not acceptable; nothing was started or stored.
     *
     * @param inputs the problems of the new inputs, each with a pointer relative to the inputs object
     * @param taskInputs the problems of the new task inputs, each with a pointer relative to that object
     *     ({@link ChangedInputs#apply})
     */
    public record InvalidRerun(List<Problem> inputs, List<Problem> taskInputs) implements Rerun {

        public InvalidRerun {
            inputs = List.copyOf(inputs);
            taskInputs = List.copyOf(taskInputs);
        }
    }

    /** The new execution, queued. */
    public record Rerunning(Execution execution) implements Rerun {
    }

    /**
     * Reruns a finished execution from a step, as a new execution of the same version (whether or not still the
     * current one) linked to it by {@code rerun_of}: every step that does not depend on {@code from_task}, directly
     * or not, and completed there keeps its run (input, output, attempts) and does not run again; {@code from_task},
     * everything downstream of it and any other step that had not completed run.
     *
     * <p>With new task inputs, the new execution runs the original's version with those inputs of {@code from_task}
     * changed instead, stored as its own snapshot as {@link #start(String, String, Definition, JsonNode, String,
     * StartRequest) a one-off definition} is (the original version's source kept as its source): restarting or
     * rerunning it runs that definition again.
     *
     * @throws CredentialRefusedException when a template of the workflow reads a credential the starter may not
     * @throws NothingToRunException when the execution's version has no task (an execution started before such
     *     versions were refused)
     * @throws WorkflowNotExecutableException when the workflow is paused or archived (with new task inputs, before
     *     their snapshot is stored)
     */
    public Rerun rerun(String organizationId, String workflowId, String executionId, RerunRequest request) {
        Optional<Execution> found = executions.findStored(organizationId, workflowId, executionId, this::steps)
                .map(StoredExecution::execution);
        if (found.isEmpty()) {
            return new RerunOfNothing();
        }
        Execution original = found.get();
        Plan plan = plans.plan(workflowId, original.workflowVersion());
        Happening happening = new Happening.RerunAsked(request.fromTask());
        ExecutionState state = new ExecutionState(original.status(), 0, executions.runStatuses(original.id()), true);
        Decision decision = decider.decide(plan, state, happening);
        if (decision.refused()) {
            return new RerunOfUnfinished(original.status());
        }
        plan.runnable(workflowId, false);
        if (plan.steps().stream().noneMatch(step -> step.name().equals(request.fromTask()))) {
            return new RerunFromUnknownStep(plan.steps().stream().map(Plan.Step::name).toList());
        }
        ChangedInputs.Applied changed = null;
        List<Problem> taskInputProblems = List.of();
        if (request.changesTaskInputs()) {
            try {
                changed = new ChangedInputs(request.fromTask(), request.taskInputs()).apply(plan.definition(),
                        compiler);
            } catch (InvalidDefinitionException e) {
                taskInputProblems = e.problems();
            }
        }
        JsonNode inputs = original.inputs();
        List<Problem> inputProblems = List.of();
        if (request.inputs() != null) {
            ValidatedInputs validated = validInputs(organizationId, plan, request.inputs());
            inputProblems = validated.problems();
            inputs = validated.isValid() ? validated.orElseThrow() : null;
        }
        if (!inputProblems.isEmpty() || !taskInputProblems.isEmpty()) {
            return new InvalidRerun(inputProblems, taskInputProblems);
        }
        if (changed != null) {
            // The runs are decided on what the new execution runs: the changed task may read other tasks now.
            plan = changed.plan();
            decision = decider.decide(plan, state, happening);
        }
        checkSecrets(organizationId, plan, request.startedBy());
        int version = original.workflowVersion();
        if (changed != null) {
            Optional<Integer> snapshot = snapshot(organizationId, workflowId, original.workflowVersion(),
                    changed.definition(), request.author());
            if (snapshot.isEmpty()) {
                return new RerunOfNothing();
            }
            version = snapshot.get();
        }
        Set<String> reused = new HashSet<>();
        Set<String> ready = new HashSet<>();
        decision.runs().forEach(run -> (run.status() == TaskStatus.COMPLETED ? reused : ready).add(run.step()));
        Execution execution = new Execution(Ids.next("ex"), organizationId, workflowId, version,
                ExecutionStatus.QUEUED, inputs, null, null, original.webhookUrl(),
                original.triggerSource(), clock.instant(), null, null, 1, original.id(), original.stepDefaults());
        boolean created = executions.insertAll(List.of(new ExecutionStore.NewExecution(execution,
                PlannedStep.of(plan, execution.stepDefaults()),
                request.startedBy(), new ExecutionStore.Reuse(original.id(), original.run(), reused, ready))))
                .getFirst();
        if (!created) {
            refusedStart(organizationId, workflowId);
            return new RerunOfNothing();
        }
        return new Rerunning(execution);
    }

    /**
     * Stores a changed definition of the workflow's {@code version} as one execution's own snapshot, with that
     * version's source; empty when there is no such live workflow.
     *
     * @throws WorkflowNotExecutableException when the workflow takes no executions, before anything is stored
     */
    private Optional<Integer> snapshot(String organizationId, String workflowId, int version, Definition definition,
            String author) {
        if (!executable(organizationId, workflowId)) {
            return Optional.empty();
        }
        Optional<JsonNode> source = workflows.version(workflowId, version).map(WorkflowVersion::source);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        return workflows.snapshotForExecution(organizationId, workflowId, definition, source.get(), author);
    }

    /**
     * Refuses at once an execution whose {@code {{ secrets }}} templates read a credential that its starter may not
     * read that way, rather than failing its task later. Only a convenience: each task checks again when it runs,
     * since the rules may change in between. A credential that does not exist is left to the task, which fails
     * naming it.
     */
    private void checkSecrets(String organizationId, Plan plan, StartedBy startedBy) {
        Set<String> names = new LinkedHashSet<>();
        plan.steps().forEach(step -> names.addAll(step.secrets()));
        for (String name : names) {
            Optional<String> refusal;
            try {
                refusal = credentials.entry(organizationId, name)
                        .flatMap(entry -> entry.policy().refusal(name, startedBy, true));
            } catch (TaskFailure e) {
                continue; // the vault refused to say; the task will
            }
            if (refusal.isPresent()) {
                throw new CredentialRefusedException(refusal.get());
            }
        }
    }

    /** Stops taking starts, after storing those already handed in. */
    @Override
    public void close() {
        starts.close();
    }

    /** The problems {@link #start} would report for these inputs, without starting anything. */
    public List<Problem> checkInputs(String organizationId, String workflowId,
            JsonNode inputs) {
        return workflows.find(organizationId, workflowId).map(Workflow::runnableVersion)
                .map(version -> validInputs(organizationId, plans.plan(workflowId, version), inputs).problems())
                .orElse(List.of());
    }

    /** The inputs against the plan's declared inputs, then its file inputs against the organization's files. */
    private ValidatedInputs validInputs(String organizationId, Plan plan, JsonNode inputs) {
        return fileInputs.resolve(organizationId, plan.definition().inputs(),
                inputValidator.validate(plan.definition().inputs(), plan.definition().openInputs(), inputs));
    }

    /**
     * The version a new execution of the workflow runs, or empty when there is no such live workflow.
     *
     * @throws WorkflowNotExecutableException when the workflow takes no executions
     */
    private Optional<Integer> runnableVersion(String organizationId, String workflowId) {
        Optional<Workflow> workflow = workflows.find(organizationId, workflowId);
        if (workflow.isPresent() && !workflow.get().status().executable()) {
            throw new WorkflowNotExecutableException(workflowId, workflow.get().status());
        }
        return workflow.map(Workflow::runnableVersion);
    }

    public Optional<ExecutionStore.ExecutionDetail> find(String organizationId, String workflowId, String executionId) {
        return executions.find(organizationId, workflowId, executionId, this::steps);
    }

    /**
     * The effective settings of each step of the execution's pinned version, as its steps run with its defaults, by
     * step name in definition order: what a dialect shows as a step's configuration.
     */
    public Map<String, StepSettings> stepSettings(Execution execution) {
        Map<String, StepSettings> settings = new LinkedHashMap<>();
        plans.plan(execution.workflowId(), execution.workflowVersion()).steps()
                .forEach(step -> settings.put(step.name(), step.settings(execution.stepDefaults())));
        return settings;
    }

    /** The steps of the execution's plan, as the store shows them. */
    private List<PlannedStep> steps(Execution execution) {
        return PlannedStep.of(plans.plan(execution.workflowId(), execution.workflowVersion()),
                execution.stepDefaults());
    }

    /**
     * An execution as stored, for writing it out without building it whole: its task runs are read a page at a time.
     *
     * @see ExecutionStore#findStored
     */
    public Optional<StoredExecution> findStored(String organizationId, String workflowId, String executionId) {
        return executions.findStored(organizationId, workflowId, executionId, this::steps);
    }

    public Page<Execution> list(String organizationId, String workflowId, Set<ExecutionStatus> statuses, String cursor,
            int limit) {
        return executions.list(organizationId, workflowId, statuses, cursor, limit);
    }

    /**
     * A page of a workflow's executions by offset, newest first, with how many match.
     *
     * @see ExecutionStore#list(String, String, Set, int, int)
     */
    public ExecutionListing list(String organizationId, String workflowId, Set<ExecutionStatus> statuses, int offset,
            int limit) {
        return executions.list(organizationId, workflowId, statuses, offset, limit);
    }

    /**
     * An execution of the organization by its id alone, without its inputs, outputs and error: which workflow it
     * belongs to. The caller checks that it may read that workflow before showing or changing the execution.
     */
    public Optional<Execution> find(String organizationId, String executionId) {
        return executions.find(organizationId, executionId);
    }

    /** Stops every unfinished execution of a workflow; returns how many were stopped. */
    int cancelUnfinished(String organizationId, String workflowId) {
        int cancelled = 0;
        for (Execution execution : executions.unfinished(organizationId, workflowId)) {
            if (transitions.cancel(ExecutionRef.of(execution))) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Asks {@code action} of an execution of the organization's workflow.
     *
     * @throws NothingToRunException for a restart of an execution whose version has no task (one started before
     *     such versions were refused): its next run would never end
     * @see #actAll
     */
    public ActionResult act(String organizationId, String workflowId, String executionId, ExecutionAction action) {
        if (action == ExecutionAction.RESTART) {
            find(organizationId, executionId).filter(found -> found.workflowId().equals(workflowId))
                    .ifPresent(found -> plans.plan(workflowId, found.workflowVersion()).runnable(workflowId, false));
        }
        return actAll(organizationId, workflowId, List.of(executionId), action).getFirst();
    }

    /**
     * Restarts an execution of the organization's workflow (in any status) as its next run, from {@code fromStep}:
     * that step, every step downstream of it and every step that had not completed run again; the other steps keep
     * their completed runs (input, output, attempts). The run before is kept as the execution's history, as a restart
     * from the start keeps it.
     *
     * @param fromStep a step of the execution's version
     * @throws UnknownStepException when the execution's version has no such step
     * @throws NothingToRunException when the execution's version has no task at all
     */
    public ActionResult restartFrom(String organizationId, String workflowId, String executionId, String fromStep) {
        Optional<Execution> execution = find(organizationId, executionId)
                .filter(found -> found.workflowId().equals(workflowId));
        if (execution.isEmpty()) {
            return new ActionResult.NoExecution();
        }
        plans.plan(workflowId, execution.get().workflowVersion()).runnable(workflowId, false);
        List<String> steps = steps(execution.get()).stream().map(PlannedStep::name).toList();
        if (!steps.contains(fromStep)) {
            throw new UnknownStepException(fromStep, steps);
        }
        return transitions.restartFrom(organizationId, workflowId, executionId, fromStep);
    }

    /** The type of each step of the execution's version, by step name, in definition order. */
    public Map<String, String> stepTypes(Execution execution) {
        Map<String, String> types = new LinkedHashMap<>();
        steps(execution).forEach(step -> types.put(step.name(), step.type()));
        return types;
    }

    /**
     * Asks {@code action} of many executions of the organization's workflow, in one transaction: each is applied,
     * refused for its status, or reported missing, as if asked alone. A restart of an execution whose version has no
     * task is refused ({@link ActionResult.NotAllowed}), whatever its status.
     *
     * @return what it did to each execution, in the order given
     */
    public List<ActionResult> actAll(String organizationId, String workflowId, List<String> executionIds,
            ExecutionAction action) {
        return transitions.actAll(organizationId, workflowId, executionIds, action);
    }

    /**
     * The runs of an execution before its restarts, newest first: at most {@code limit} numbered below
     * {@code beforeRun}. Empty when there is no such execution.
     */
    public Optional<List<EarlierRun>> earlierRuns(String organizationId, String workflowId, String executionId,
            int beforeRun, int limit) {
        return executions.earlierRuns(organizationId, workflowId, executionId, beforeRun, limit);
    }

    /** The executions that rerun this one from a step, newest first, at most {@code limit}. */
    public List<String> reruns(String executionId, int limit) {
        return executions.reruns(executionId, limit);
    }

    /**
     * The most bytes of JSON an event's payload may have: what a task's output may have (the wait that takes the
     * event outputs it), less 512 for the event's type and time around it.
     */
    private long maxEventPayloadBytes() {
        return outputLimits.maxBytes() - 512;
    }

    /**
     * Sends an event to an unfinished execution: kept, and taken by the oldest task waiting for its type or, when
     * none waits, by the first that will.
     *
     * @param payload the event's JSON body, or null
     * @throws IllegalArgumentException for a type that cannot be an event type, or a payload over
     *     {@link #maxEventPayloadBytes}, naming what is wrong
     */
    public EventStore.Sending sendEvent(String organizationId, String workflowId, String executionId, String type,
            JsonNode payload) {
        EventTypes.problem(type).ifPresent(problem -> {
            throw new IllegalArgumentException("an event type " + problem);
        });
        long bytes = payload == null ? 0 : StoredJson.of(payload).bytes();
        if (bytes > maxEventPayloadBytes()) {
            throw new IllegalArgumentException("an event's payload may have at most " + maxEventPayloadBytes()
                    + " bytes of JSON, got " + bytes);
        }
        return events.send(organizationId, workflowId, executionId, type, payload);
    }

    /** The events sent to an execution, oldest first, a page at a time; empty when there is no such execution. */
    public Optional<Page<EventStore.Event>> events(String organizationId, String workflowId, String executionId,
            String cursor, int limit) {
        return events.list(organizationId, workflowId, executionId, cursor, limit);
    }

    /**
     * Deletes a finished execution and everything it left behind, files included.
     *
     * @see ExecutionStore#delete
     */
    public ExecutionStore.Deletion delete(String organizationId, String workflowId, String executionId) {
        return executions.delete(organizationId, workflowId, executionId);
    }
}
