package io.dataflow.engine.run;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.expression.TemplateResolver;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.EventLinks;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskParked;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.OutputLimits;
import io.dataflow.engine.store.StoredJson;
import io.dataflow.engine.store.TaskQueue;
import io.dataflow.engine.store.TaskTransitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one attempt of a claimed task: resolve its input, call its type with a time limit, record the outcome.
 * Any failure of the task becomes a task error; nothing a task does can stop the worker.
 *
 * <p>When the task's only successor waits for nothing else and is {@linkplain io.dataflow.engine.spi.TaskType#pure()
 * pure}, the worker runs that successor at once, in memory, and so on down the chain; the chain is recorded in one completion when it ends, forks or joins, after
 * {@link #MAX_CHAIN} tasks, or once it has run for {@link #INPUT_VISIBLE_AFTER}. A successor that takes longer
 * than that, or fails, has what came before it recorded first and is claimed in the same transaction, so watchers
 * see it running and its outcome is recorded like any other attempt.
 */
final class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    private static final Duration INPUT_VISIBLE_AFTER = Duration.ofMillis(50);
    /** The most tasks recorded in one completion, so a long chain of quick tasks still shows progress. */
    static final int MAX_CHAIN = 64;

    private final PlanCache plans;
    private final TaskQueue queue;
    private final TaskTransitions transitions;
    private final GroupCommit<TaskTransitions.Success, TaskTransitions.Completion> completions;
    private final AttemptThreads attempts;
    private final Set<String> leases;
    private final Clock clock;
    private final TaskServices services;
    private final ExecutionStarters starters;
    private final OutputLimits outputLimits;
    private final EventLinks eventLinks;
    private final TemplateResolver templates = new TemplateResolver();
    private final TaskInputResolver inputs = new TaskInputResolver(templates);
    private final StopRequests stops;

    /**
     * @param completions records successful attempts, many workers' in one transaction
     * @param leases ids of the task runs this node runs now, whose leases are renewed; kept up to date here
     * @param stops where running attempts are registered, to be told to stop
     * @param services what the tasks may use
     * @param outputLimits how big an output may be; a bigger one fails its task
     * @param eventLinks makes the link templates read as {@code execution.event_url}
     */
    TaskRunner(PlanCache plans, TaskQueue queue, TaskTransitions transitions,
            GroupCommit<TaskTransitions.Success, TaskTransitions.Completion> completions, AttemptThreads attempts,
            Set<String> leases, StopRequests stops, Clock clock, TaskServices services, OutputLimits outputLimits,
            EventLinks eventLinks) {
        this.plans = plans;
        this.stops = stops;
        this.queue = queue;
        this.transitions = transitions;
        this.completions = completions;
        this.attempts = attempts;
        this.leases = leases;
        this.clock = clock;
        this.services = services;
        this.starters = new ExecutionStarters(queue::startedBy);
        this.outputLimits = outputLimits;
        this.eventLinks = eventLinks;
    }

    /**
     * A successor claimed for this worker by a completion, with the outputs already in hand.
     *
     * @param knownOutputs outputs of this execution's tasks that this worker holds, by name, so they need not be
     *     read back
     */
    record Handoff(ClaimedTask task, Map<String, JsonNode> knownOutputs) {
    }

    /** The chain's results were dropped (a stale lease, or the execution ended): the worker stops. */
    private static final class Abandoned extends Exception {
    }

    /**
     * Runs the attempt, and the chain after it, and records the outcome.
     *
     * @param knownOutputs outputs of upstream tasks already in hand (may be empty)
     * @return a successor claimed for this worker by the completion, to run next on the same thread
     */
    Optional<Handoff> run(ClaimedTask task, Map<String, JsonNode> knownOutputs) {
        Plan plan = plans.plan(task.execution().workflowId(), task.execution().workflowVersion());
        Chain chain = new Chain(task, knownOutputs, clock.instant());
        leases.add(task.id());
        try {
            return runChain(plan, chain);
        } finally {
            leases.remove(chain.head().id());
            leases.remove(task.id());
        }
    }

    private Optional<Handoff> runChain(Plan plan, Chain chain) {
        ClaimedTask current = chain.head();
        // Every task of a chain belongs to the same execution: its link is made once, when a template reads it.
        String eventUrl = eventUrl(plan, current);
        while (true) {
            Plan.Step step = plan.step(current.name());
            ObjectNode input = null;
            String executionId = current.execution().id();
            RecordingVault vault = new RecordingVault(services.credentials(), () -> starters.of(executionId));
            try {
                Map<String, ObjectNode> secrets = secrets(step, current, vault);
                ObjectNode context = ExecutionContext.withSecrets(ExecutionContext.of(current.execution(),
                        current.executionCreatedAt(), current.executionInputs(),
                        upstreamOutputs(current, step, chain.outputs()), eventUrl), secrets);
                input = inputs.resolve(step, context);
                ObjectNode shownInput = vault.redaction().apply(input);
                ObjectNode returned = invoke(step, current, input, shownInput, plan, chain, vault);
                // Redacted again with the credentials the task asked for itself, which a task type may have
                // written into its input object.
                Redaction redaction = vault.redaction();
                StoredJson output = outputLimits.taskOutput(redaction.apply(returned));
                shownInput = redaction.apply(input);
                Instant finished = clock.instant();
                chain.finished(current, outputLimits.shownInput(shownInput), output, finished);
                Optional<Plan.Step> next = chainable(plan, step, chain, finished);
                if (next.isEmpty()) {
                    return record(plan, step, chain);
                }
                chain.retainOnly(retained(plan, next.get(), chain.outputs()));
                current = inMemory(plan, current, next.get());
            } catch (TaskFailure failure) {
                Redaction redaction = vault.redaction();
                recordFailure(plan, chain, current, step, redaction.apply(input),
                        redaction.apply(failure.getMessage()), failure.retryable(), failure.retryAfter());
                return Optional.empty();
            } catch (TaskParked parked) {
                Redaction redaction = vault.redaction();
                recordPark(plan, chain, current, redaction.apply(input), parked, redaction);
                return Optional.empty();
            } catch (Abandoned e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (GroupCommit.ClosedException e) {
                // The node stopped while the attempt ran and gave its lease back; the task runs again elsewhere.
                log.info("task {} of execution {} finished after its node stopped; its result is dropped",
                        current.name(), current.execution().id());
                return Optional.empty();
            } catch (RuntimeException e) {
                Redaction redaction = vault.redaction();
                String error = redaction.apply(e.toString());
                // A stack trace is logged only when no secret could be in its messages.
                log.warn("task {} of execution {} failed unexpectedly: {}", current.name(), current.execution().id(),
                        error, redaction == Redaction.NONE ? e : null);
                recordFailure(plan, chain, current, step, redaction.apply(input), "unexpected error: " + error, true,
                        Optional.empty());
                return Optional.empty();
            }
        }
    }

    /**
     * The step to run next in memory: the finished step's only successor, when it waits for nothing else, is
     * {@linkplain io.dataflow.engine.spi.TaskType#pure() pure}, and the chain may grow.
     */
    private static Optional<Plan.Step> chainable(Plan plan, Plan.Step step, Chain chain, Instant now) {
        if (step.successors().size() != 1 || chain.length() >= MAX_CHAIN
                || chain.age(now).compareTo(INPUT_VISIBLE_AFTER) >= 0) {
            return Optional.empty();
        }
        Plan.Step next = plan.step(step.successors().iterator().next());
        return next.dependencies().size() == 1 && next.type().pure() ? Optional.of(next) : Optional.empty();
    }

    /** The successor as its first attempt will be recorded, by the id its task run was stored under. */
    private ClaimedTask inMemory(Plan plan, ClaimedTask previous, Plan.Step next) {
        return new ClaimedTask(previous.execution().taskRun(next.name()), previous.worker(),
                previous.execution(), next.name(), next.type().name(), 1,
                next.settings(previous.execution().stepDefaults()).retry().maxAttempts(),
                previous.executionInputs(), previous.executionCreatedAt(), clock.instant());
    }

    /**
     * The link that sends events to the task's execution, which templates read as {@code execution.event_url}; null
     * when none of the workflow's templates reads it.
     */
    private String eventUrl(Plan plan, ClaimedTask task) {
        return plan.readsEventUrl() ? eventLinks.url(task.execution().organizationId(),
                task.execution().workflowId(), task.execution().id()) : null;
    }

    /** Records the finished chain; returns the successor its completion claimed for this worker, if any. */
    private Optional<Handoff> record(Plan plan, Plan.Step last, Chain chain) throws InterruptedException,
            GroupCommit.ClosedException {
        WorkflowOutputs outputs = new WorkflowOutputs(plan, chain.head(), templates, eventUrl(plan, chain.head()));
        if (last.successors().isEmpty()) {
            // This may be the execution's last task: compute its outputs here rather than in the shared commit.
            outputs.prepare(chain.outputs());
        }
        TaskTransitions.Completion completion = completions.submit(chain.success(outputs));
        return completion.next().map(next -> new Handoff(next, retained(plan, plan.step(next.name()),
                chain.outputs())));
    }

    /**
     * Makes {@code current} a claimed task run if it so far ran only in memory: records the chain before it, whose
     * completion claims it for this worker, and restarts the chain from it.
     *
     * @return the task as claimed
     * @throws Abandoned when it could not be claimed: the chain's head was stale or the execution ended
     */
    private ClaimedTask claim(Plan plan, Chain chain, ClaimedTask current) throws Abandoned, InterruptedException,
            GroupCommit.ClosedException {
        if (chain.isClaimed(current)) {
            return chain.head();
        }
        Optional<Handoff> next = record(plan, plan.step(chain.lastFinished()), chain);
        if (next.isEmpty() || !next.get().task().id().equals(current.id())) {
            throw new Abandoned();
        }
        ClaimedTask claimed = next.get().task();
        leases.remove(chain.head().id());
        leases.add(claimed.id());
        chain.restart(claimed, next.get().knownOutputs(), clock.instant());
        return claimed;
    }

    /**
     * The outputs in hand worth passing on to the next task of the chain: those it reads and those the workflow's
     * outputs read, so the last task settles the execution without reading its tasks back.
     */
    private static Map<String, JsonNode> retained(Plan plan, Plan.Step next, Map<String, JsonNode> inHand) {
        Map<String, JsonNode> retained = new HashMap<>();
        inHand.forEach((name, output) -> {
            if (next.dependencies().contains(name) || plan.outputDependencies().contains(name)) {
                retained.put(name, output);
            }
        });
        return retained;
    }

    /**
     * The outputs of the tasks this one depends on. A successor claimed by its predecessor's completion already has
     * that predecessor's output in hand; the database is read only for what is missing.
     */
    private Map<String, JsonNode> upstreamOutputs(ClaimedTask task, Plan.Step step, Map<String, JsonNode> known) {
        if (known.keySet().containsAll(step.dependencies())) {
            return known;
        }
        return queue.outputsOf(task.execution().id(), step.dependencies());
    }

    /**
     * The decrypted values of the credentials the step's templates read, by name; a permanent failure naming the
     * first the organization does not have, or that the execution's starter may not read through a template.
     */
    private static Map<String, ObjectNode> secrets(Plan.Step step, ClaimedTask task, RecordingVault vault)
            throws TaskFailure {
        Map<String, ObjectNode> values = new HashMap<>();
        for (String name : step.secrets()) {
            values.put(name, vault.forTemplate(task.execution().organizationId(), name).orElseThrow(() ->
                    TaskFailure.permanent("there is no credential named '" + name + "' in this organization (read as"
                            + " secrets." + name + ")")));
        }
        return values;
    }

    /**
     * Calls the task's type on an attempt thread. An attempt still running after {@link #INPUT_VISIBLE_AFTER} is
     * claimed (when it ran in memory so far) and shows its input while it runs. One still running at its timeout is
     * interrupted and {@linkplain AttemptThreads abandoned}: its timeout is recorded and the worker moves on even
     * when the task type ignores the interruption.
     *
     * @param shownInput the input with the secret values it holds redacted, as it may be stored
     */
    private ObjectNode invoke(Plan.Step step, ClaimedTask task, ObjectNode input, ObjectNode shownInput, Plan plan,
            Chain chain, CredentialVault vault)
            throws TaskFailure, TaskParked, InterruptedException, Abandoned, GroupCommit.ClosedException {
        AtomicBoolean stopRequested = new AtomicBoolean();
        TaskContext context = new TaskContext(task.execution().organizationId(), task.execution().id(), task.name(),
                task.attempt(), Json.MAPPER, services.withCredentials(vault), clock, stopRequested::get);
        AttemptThreads.Attempt result = attempts.start(() -> "task " + task.name() + " (" + step.type().name()
                + ") of execution " + task.execution().id() + ", attempt " + task.attempt(),
                () -> step.type().execute(context, input), step.type().pure());
        Duration timeout = step.settings(task.execution().stepDefaults()).timeout();
        // Known as its own run and, while it runs in memory, as the run claimed for the chain.
        List<String> runIds = Stream.of(task.id(), chain.head().id()).distinct().toList();
        StopRequests.Running running = new StopRequests.Running(result, stopRequested);
        stops.register(runIds, running);
        try {
            // Most attempts finish at once and store their input with their output. One that takes longer shows
            // its input while it runs.
            long quick = Math.min(INPUT_VISIBLE_AFTER.toMillis(), timeout.toMillis());
            try {
                return checkOutput(step, result.get(quick, TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillRunning) {
                try {
                    queue.recordInput(claim(plan, chain, task), shownInput);
                } catch (Abandoned | GroupCommit.ClosedException e) {
                    result.cancel(true);
                    throw e;
                }
            }
            return checkOutput(step, result.get(timeout.toMillis() - quick, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            if (!result.abandon()) {
                result.awaitEnd();
            }
            throw TaskFailure.transientFailure("timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            result.cancel(true);
            throw e;
        } catch (CancellationException e) {
            // Told to stop: its run was cancelled or cleared, so there is nothing to record.
            if (!result.abandon()) {
                result.awaitEnd();
            }
            throw new Abandoned();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TaskFailure failure) {
                throw failure;
            }
            if (cause instanceof TaskParked parked) {
                throw parked;
            }
            throw new TaskFailure(cause.getClass().getSimpleName() + ": " + cause.getMessage(), true, cause);
        } finally {
            stops.unregister(runIds, running);
        }
    }

    /** A task type must give a value of the declared type for each output port; a type that does not has a bug. */
    private static ObjectNode checkOutput(Plan.Step step, ObjectNode output) throws TaskFailure {
        if (output == null) {
            throw TaskFailure.permanent("task type " + step.type().name() + " returned no output");
        }
        for (Port port : step.type().outputs()) {
            JsonNode value = output.get(port.name());
            if (value != null && !value.isNull() && !port.type().matches(value)) {
                throw TaskFailure.permanent("task type " + step.type().name() + " returned " + PortType.describe(value)
                        + " for output '" + port.name() + "', which is declared " + port.type().wireName());
            }
        }
        return output;
    }

    /**
     * Parks the attempt until its time, after claiming the task if it ran in memory; the output it completes with is
     * redacted and capped like any output.
     */
    private void recordPark(Plan plan, Chain chain, ClaimedTask current, JsonNode input, TaskParked parked,
            Redaction redaction) {
        Optional<ClaimedTask> claimed = claimedForOutcome(plan, chain, current);
        if (claimed.isEmpty()) {
            return;
        }
        ClaimedTask task = claimed.get();
        StoredJson output = null;
        if (parked.output() != null) {
            try {
                output = outputLimits.taskOutput(redaction.apply(parked.output()));
            } catch (TaskFailure failure) {
                transitions.fail(task, input, failure.getMessage(), false, Duration.ZERO);
                return;
            }
        }
        transitions.park(task, input, parked.until(), output, parked.eventType());
    }

    /**
     * Completes a parked run that came due with the output it parked with (a wait: the event it took), and goes on
     * like a finished attempt: the successor its completion claims for this worker is returned to run next. A wait
     * that came due without an event timed out, a failure its retry policy may retry.
     */
    Optional<Handoff> resume(TaskQueue.DueTask due) {
        ClaimedTask task = due.task();
        Plan plan = plans.plan(task.execution().workflowId(), task.execution().workflowVersion());
        if (due.output() == null) {
            Plan.Step step = plan.step(task.name());
            transitions.fail(task, null, "no '" + due.eventType() + "' event arrived before the wait timed out", true,
                    step.settings(task.execution().stepDefaults()).retry().delayBefore(task.attempt() + 1,
                            Optional.empty()));
            return Optional.empty();
        }
        leases.add(task.id());
        try {
            Chain chain = new Chain(task, Map.of(), clock.instant());
            chain.finished(task, null, due.output(), clock.instant());
            return record(plan, plan.step(task.name()), chain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (GroupCommit.ClosedException e) {
            log.info("parked task {} of execution {} came due as its node stopped; it completes elsewhere", task.name(),
                    task.execution().id());
            return Optional.empty();
        } finally {
            leases.remove(task.id());
        }
    }

    /** Records a failed attempt, after claiming the task if it ran in memory. */
    private void recordFailure(Plan plan, Chain chain, ClaimedTask current, Plan.Step step, JsonNode input,
            String message, boolean retryable, Optional<Duration> retryAfter) {
        claimedForOutcome(plan, chain, current).ifPresent(task -> transitions.fail(task, input, message, retryable,
                step.settings(task.execution().stepDefaults()).retry().delayBefore(task.attempt() + 1,
                        retryAfter)));
    }

    /**
     * The task as claimed, to record an outcome other than success for it: claimed now if it ran in memory. Empty
     * when it could not be (a stale chain, its execution ended, the node stopping): the outcome is then dropped.
     */
    private Optional<ClaimedTask> claimedForOutcome(Plan plan, Chain chain, ClaimedTask current) {
        try {
            return Optional.of(claim(plan, chain, current));
        } catch (Abandoned | GroupCommit.ClosedException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
