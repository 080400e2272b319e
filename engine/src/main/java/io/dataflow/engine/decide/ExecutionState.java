package io.dataflow.engine.decide;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link Decider} knows of an execution: its status, how many of its steps have not completed, and the
 * task runs it asked to know ({@link Decider#needs}), by step name. A step without a run has not been reached.
 *
 * @param remaining steps of the plan not completed yet
 * @param runs the status of each step's run, for the steps read
 * @param allRuns whether {@code runs} holds every run of the execution, so a missing step was never reached
 * @param waiting the steps whose runs wait for an event of the type the decider asked about and have none yet,
 *     oldest wait first
 */
public record ExecutionState(ExecutionStatus status, int remaining, Map<String, TaskStatus> runs, boolean allRuns,
        List<String> waiting) {

    public ExecutionState {
        runs = Map.copyOf(runs);
        waiting = List.copyOf(waiting);
    }

    /** A state that knows of no run waiting for an event. */
    public ExecutionState(ExecutionStatus status, int remaining, Map<String, TaskStatus> runs, boolean allRuns) {
        this(status, remaining, runs, allRuns, List.of());
    }

    /** The status of the step's run, or empty when it has none or it was not read. */
    public Optional<TaskStatus> run(String step) {
        return Optional.ofNullable(runs.get(step));
    }

    /** The state once the decision is applied, for the next happening of the same execution in one transaction. */
    public ExecutionState after(Decision decision) {
        Map<String, TaskStatus> next = new HashMap<>(runs);
        decision.completed().forEach(step -> next.put(step, TaskStatus.COMPLETED));
        decision.runs().forEach(change -> next.put(change.step(), change.status()));
        return new ExecutionState(decision.execution().orElse(status), remaining - decision.completed().size(), next,
                allRuns, waiting.stream().filter(step -> decision.runs().stream()
                        .noneMatch(change -> change instanceof Decision.Deliver && change.step().equals(step))).toList());
    }
}
