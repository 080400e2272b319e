package io.dataflow.engine.decide;

import io.dataflow.engine.decide.Decision.Cancel;
import io.dataflow.engine.decide.Decision.Create;
import io.dataflow.engine.decide.Decision.Fail;
import io.dataflow.engine.decide.Decision.HandOff;
import io.dataflow.engine.decide.Decision.Retry;
import io.dataflow.engine.decide.Decision.RunChange;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what happens next in an execution, given its plan, its state and one {@link Happening}: which task runs to
 * create (when their step becomes runnable), retry, fail or cancel, and the execution's new status. It reads
 * nothing and writes nothing; the store reads the state it {@linkplain #needs needs} and applies the
 * {@link Decision} in one transaction, under the execution's row lock.
 */
public final class Decider {

    /** What the decider must know of an execution's runs to decide a happening. */
    public record Needs(Set<String> steps, boolean allRuns) {
        static final Needs NOTHING = new Needs(Set.of(), false);
        static final Needs ALL = new Needs(Set.of(), true);
    }

    /** The runs to read before deciding {@code happening}: the other dependencies of joins, or every run. */
    public Needs needs(Plan plan, Happening happening) {
        return switch (happening) {
            case Happening.TaskCompleted completed -> {
                Set<String> steps = new HashSet<>();
                for (String successor : plan.step(completed.last()).successors()) {
                    plan.step(successor).dependencies().stream().filter(d -> !finished(completed).contains(d))
                            .forEach(steps::add);
                }
                yield steps.isEmpty() ? Needs.NOTHING : new Needs(Set.copyOf(steps), false);
            }
            case Happening.TaskFailed failed -> failed.retryAt().isPresent() ? Needs.NOTHING : Needs.ALL;
            case Happening.TaskParked ignored -> Needs.ALL;
            case Happening.OutputsFailed ignored -> Needs.NOTHING;
            case Happening.TerminateAsked ignored -> Needs.ALL;
        };
    }

    public Decision decide(Plan plan, ExecutionState state, Happening happening) {
        return switch (happening) {
            case Happening.TaskCompleted completed -> completed(plan, state, completed);
            case Happening.TaskFailed failed -> failed(plan, state, failed);
            case Happening.TaskParked parked -> parked(state, parked);
            case Happening.OutputsFailed ignored -> state.status().isTerminal() ? Decision.NOTHING
                    : new Decision(List.of(), Optional.of(ExecutionStatus.FAILED));
            case Happening.TerminateAsked ignored -> state.status().isTerminal() ? Decision.NOTHING
                    : stop(plan, state, ExecutionStatus.TERMINATED, Set.of());
        };
    }

    /**
     * The completed steps are recorded; once none remains the execution completes, else each successor of the last
     * whose dependencies all completed gets its run: the first, in plan order, handed to the same worker, the others
     * READY. An execution that ended meanwhile takes nothing more: the steps run in memory are dropped.
     */
    private static Decision completed(Plan plan, ExecutionState state, Happening.TaskCompleted completed) {
        if (state.status().isTerminal()) {
            return Decision.NOTHING;
        }
        List<RunChange> runs = new ArrayList<>();
        completed.chained().forEach(step -> runs.add(new Create(step, TaskStatus.COMPLETED)));
        List<String> finished = finished(completed);
        if (state.remaining() - finished.size() <= 0) {
            return new Decision(runs, Optional.of(ExecutionStatus.COMPLETED), finished);
        }
        List<String> runnable = plan.step(completed.last()).successors().stream()
                .filter(successor -> state.run(successor).isEmpty())
                .filter(successor -> plan.step(successor).dependencies().stream().allMatch(dependency ->
                        finished.contains(dependency) || state.run(dependency).orElse(null) == TaskStatus.COMPLETED))
                .sorted(Comparator.comparingInt(plan::position)).toList();
        for (String step : runnable) {
            runs.add(step.equals(runnable.getFirst()) ? new HandOff(step) : new Create(step, TaskStatus.READY));
        }
        return new Decision(runs, Optional.empty(), finished);
    }

    /**
     * A task that asks to wait is parked until its time; its execution is WAITING while nothing else of it runs or
     * is ready to. In an execution that ended meanwhile the run is cancelled instead.
     */
    private static Decision parked(ExecutionState state, Happening.TaskParked parked) {
        if (state.status().isTerminal()) {
            return new Decision(List.of(new Cancel(parked.step())), Optional.empty());
        }
        boolean othersActive = state.runs().entrySet().stream().anyMatch(run -> !run.getKey().equals(parked.step())
                && (run.getValue() == TaskStatus.RUNNING || run.getValue() == TaskStatus.READY));
        Optional<ExecutionStatus> waiting = othersActive || state.status() != ExecutionStatus.RUNNING ? Optional.empty()
                : Optional.of(ExecutionStatus.WAITING);
        return new Decision(List.of(new Decision.Park(parked.step(), parked.until())), waiting);
    }

    /** A failed task is retried when it may be and its execution is live; otherwise it fails its execution. */
    private static Decision failed(Plan plan, ExecutionState state, Happening.TaskFailed failed) {
        if (failed.retryAt().isPresent() && !state.status().isTerminal()) {
            return new Decision(List.of(new Retry(failed.step(), failed.retryAt().get())), Optional.empty());
        }
        if (state.status().isTerminal()) {
            return new Decision(List.of(new Fail(failed.step())), Optional.empty());
        }
        Decision stopped = stop(plan, state, ExecutionStatus.FAILED, Set.of(failed.step()));
        List<RunChange> runs = new ArrayList<>();
        runs.add(new Fail(failed.step()));
        runs.addAll(stopped.runs());
        return new Decision(runs, stopped.execution());
    }

    /**
     * Ends the execution with {@code status}: every step not reached gets a CANCELLED run and the unfinished runs are
     * cancelled. A failure leaves the other running attempts to finish (their results are still recorded); a
     * termination cancels them too, so their late results are dropped.
     */
    private static Decision stop(Plan plan, ExecutionState state, ExecutionStatus status, Set<String> except) {
        if (!state.allRuns()) {
            throw new IllegalArgumentException("stopping an execution needs all of its runs");
        }
        List<RunChange> runs = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            if (except.contains(step.name())) {
                continue;
            }
            Optional<TaskStatus> run = state.run(step.name());
            if (run.isEmpty()) {
                runs.add(new Create(step.name(), TaskStatus.CANCELLED));
            } else if (!run.get().isTerminal()
                    && (run.get() != TaskStatus.RUNNING || status == ExecutionStatus.TERMINATED)) {
                runs.add(new Cancel(step.name()));
            }
        }
        return new Decision(runs, Optional.of(status));
    }

    private static List<String> finished(Happening.TaskCompleted completed) {
        List<String> finished = new ArrayList<>(1 + completed.chained().size());
        finished.add(completed.step());
        finished.addAll(completed.chained());
        return finished;
    }
}
