package io.dataflow.engine.run;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.expression.TemplateResolver;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.TaskQueue;
import io.dataflow.engine.store.TaskTransitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one attempt of a claimed task: resolve its input, call its type with a time limit, record the outcome.
 * Any failure of the task becomes a task error; nothing a task does can stop the worker.
 */
final class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    private static final Duration INPUT_VISIBLE_AFTER = Duration.ofMillis(50);

    private final PlanCache plans;
    private final TaskQueue queue;
    private final TaskTransitions transitions;
    private final GroupCommit<TaskTransitions.Success, TaskTransitions.Completion> completions;
    private final WakeSignal signal;
    private final ExecutorService attempts;
    private final TemplateResolver templates = new TemplateResolver();
    private final TaskInputResolver inputs = new TaskInputResolver(templates);

    /**
     * @param completions records successful attempts, many workers' in one transaction
     */
    TaskRunner(PlanCache plans, TaskQueue queue, TaskTransitions transitions,
            GroupCommit<TaskTransitions.Success, TaskTransitions.Completion> completions, WakeSignal signal,
            ExecutorService attempts) {
        this.plans = plans;
        this.queue = queue;
        this.transitions = transitions;
        this.completions = completions;
        this.signal = signal;
        this.attempts = attempts;
    }

    /**
     * A successor claimed for this worker by a completion, with the outputs already in hand.
     *
     * @param knownOutputs outputs of this execution's tasks that this worker holds, by name, so they need not be
     *     read back
     */
    record Handoff(ClaimedTask task, Map<String, JsonNode> knownOutputs) {
    }

    /**
     * Runs the attempt and records its outcome.
     *
     * @param knownOutputs outputs of upstream tasks already in hand (may be empty)
     * @return a successor claimed for this worker by the completion, to run next on the same thread
     */
    Optional<Handoff> run(ClaimedTask task, Map<String, JsonNode> knownOutputs) {
        Plan plan = plans.get(task.execution().workflowId(), task.execution().workflowVersion());
        Plan.Step step = plan.step(task.name());
        ObjectNode input = null;
        try {
            ObjectNode context = ExecutionContext.of(task.execution(), task.executionCreatedAt(),
                    task.executionInputs(), upstreamOutputs(task, step, knownOutputs));
            input = inputs.resolve(step, context);
            ObjectNode output = invoke(step, task, input);
            Map<String, JsonNode> inHand = new HashMap<>(knownOutputs);
            inHand.put(task.name(), output);
            TaskTransitions.Completion completion = completions.submit(new TaskTransitions.Success(task, input,
                    output, successors(plan, step), inHand, new WorkflowOutputs(plan, task, templates)));
            if (completion.successorsReady()) {
                signal.signal();
            }
            return completion.next().map(next -> new Handoff(next, retained(plan, plan.step(next.name()), inHand)));
        } catch (TaskFailure failure) {
            fail(task, step, input, failure.getMessage(), failure.retryable());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (GroupCommit.ClosedException e) {
            // The node stopped while the attempt ran and gave its lease back; the task runs again elsewhere.
            log.info("task {} of execution {} finished after its node stopped; its result is dropped", task.name(),
                    task.execution().id());
        } catch (RuntimeException e) {
            log.warn("task {} of execution {} failed unexpectedly", task.name(), task.execution().id(), e);
            fail(task, step, input, "unexpected error: " + e, true);
        }
        return Optional.empty();
    }

    private static List<TaskTransitions.Successor> successors(Plan plan, Plan.Step step) {
        List<TaskTransitions.Successor> successors = new ArrayList<>(step.successors().size());
        for (String name : step.successors()) {
            Plan.Step successor = plan.step(name);
            successors.add(new TaskTransitions.Successor(name, plan.position(name), successor.type().name(),
                    successor.retry().maxAttempts(), successor.dependencies().size()));
        }
        return successors;
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

    private ObjectNode invoke(Plan.Step step, ClaimedTask task, ObjectNode input) throws TaskFailure,
            InterruptedException {
        TaskContext context = new TaskContext(task.execution().organizationId(), task.execution().id(), task.name(),
                task.attempt(), Json.MAPPER);
        Future<ObjectNode> result = attempts.submit(() -> step.type().execute(context, input));
        Duration timeout = step.timeout();
        try {
            // Most attempts finish at once and store their input with their output. One that takes longer shows
            // its input while it runs.
            long quick = Math.min(INPUT_VISIBLE_AFTER.toMillis(), timeout.toMillis());
            try {
                return checkOutput(step, result.get(quick, TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillRunning) {
                queue.recordInput(task, input);
            }
            return checkOutput(step, result.get(timeout.toMillis() - quick, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            throw TaskFailure.transientFailure("timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            result.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TaskFailure failure) {
                throw failure;
            }
            throw new TaskFailure(cause.getClass().getSimpleName() + ": " + cause.getMessage(), true, cause);
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

    private void fail(ClaimedTask task, Plan.Step step, JsonNode input, String message, boolean retryable) {
        transitions.fail(task, input, message, retryable, step.retry().delayBefore(task.attempt() + 1))
                .ifPresent(signal::wakeAt);
    }
}
