package io.dataflow.engine.decide;

import io.dataflow.engine.decide.Decision.Cancel;
import io.dataflow.engine.decide.Decision.Create;
import io.dataflow.engine.decide.Decision.Fail;
import io.dataflow.engine.decide.Decision.HandOff;
import io.dataflow.engine.decide.Decision.Retry;
import io.dataflow.engine.decide.Decision.RunChange;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    /**
     * What the decider must know of an execution's runs to decide a happening.
     *
     * @param steps the runs to read, by step
     * @param allRuns whether to read every run instead
     * @param waitingFor the event type whose waiting runs to read ({@link ExecutionState#waiting}), or null
     */
    public record Needs(Set<String> steps, boolean allRuns, String waitingFor) {
        static final Needs NOTHING = new Needs(Set.of(), false);
        public static final Needs ALL = new Needs(Set.of(), true);

        public Needs(Set<String> steps, boolean allRuns) {
            this(steps, allRuns, null);
        }
    }

    /**
     * The runs to read before deciding {@code happening} for an execution in {@code status}: the other dependencies
     * of joins, every run, or the waits for an event's type. While an execution pauses, a task's outcome reads every
     * run, to know when the last running one ends.
     */
    public Needs needs(Plan plan, ExecutionStatus status, Happening happening) {
        return switch (happening) {
            case Happening.TaskCompleted completed -> pausing(status) ? Needs.ALL : joined(plan, completed);
            case Happening.TaskFailed failed -> failed.retryAt().isPresent() && !pausing(status) ? Needs.NOTHING
                    : Needs.ALL;
            case Happening.TaskParked ignored -> Needs.ALL;
            case Happening.OutputsFailed ignored -> Needs.NOTHING;
            case Happening.TerminateAsked ignored -> Needs.ALL;
            case Happening.PauseAsked ignored -> Needs.ALL;
            case Happening.ResumeAsked ignored -> Needs.ALL;
            case Happening.RestartAsked restart -> restart.fromStep() == null ? Needs.NOTHING : Needs.ALL;
            case Happening.RerunAsked ignored -> Needs.ALL;
            case Happening.TimerDue ignored -> Needs.NOTHING;
            case Happening.EventArrived arrived -> new Needs(Set.of(), false, arrived.type());
        };
    }

    /** The other dependencies of the successors of a completed chain: the runs a join waits for. */
    private static Needs joined(Plan plan, Happening.TaskCompleted completed) {
        Set<String> steps = new HashSet<>();
        for (String successor : plan.step(completed.last()).successors()) {
            plan.step(successor).dependencies().stream().filter(d -> !finished(completed).contains(d))
                    .forEach(steps::add);
        }
        return steps.isEmpty() ? Needs.NOTHING : new Needs(Set.copyOf(steps), false);
    }

    public Decision decide(Plan plan, ExecutionState state, Happening happening) {
        return switch (happening) {
            case Happening.TaskCompleted completed -> completed(plan, state, completed);
            case Happening.TaskFailed failed -> failed(plan, state, failed);
            case Happening.TaskParked parked -> parked(state, parked);
            case Happening.OutputsFailed ignored -> state.status().isTerminal() ? Decision.NOTHING
                    : new Decision(List.of(), Optional.of(ExecutionStatus.FAILED));
            case Happening.TerminateAsked ignored -> refuses(ExecutionAction.TERMINATE, state) ? Decision.REFUSED
                    : stop(plan, state, ExecutionStatus.TERMINATED, Set.of());
            case Happening.PauseAsked ignored -> refuses(ExecutionAction.PAUSE, state) ? Decision.REFUSED
                    : pause(state);
            case Happening.ResumeAsked ignored -> refuses(ExecutionAction.RESUME, state) ? Decision.REFUSED
                    : resume(state);
            case Happening.RestartAsked restart -> restart(plan, state, restart.fromStep());
            case Happening.RerunAsked rerun -> state.status().isTerminal() ? rerun(plan, state, rerun.fromTask())
                    : Decision.REFUSED;
            case Happening.TimerDue due -> timerDue(state, due);
            case Happening.EventArrived ignored -> state.status().isTerminal() ? Decision.REFUSED
                    : state.waiting().isEmpty() ? Decision.NOTHING
                    : new Decision(List.of(new Decision.Deliver(state.waiting().getFirst(), pausing(state.status()))),
                            Optional.empty());
        };
    }

    private static boolean refuses(ExecutionAction action, ExecutionState state) {
        return !action.allowedFrom().contains(state.status());
    }

    /**
     * A parked run whose time came is woken, to complete now, and its execution runs again; in a paused execution it
     * is held until the resume, and in one that ended (which cancels its runs) it is cancelled.
     */
    private static Decision timerDue(ExecutionState state, Happening.TimerDue due) {
        if (state.status().isTerminal()) {
            return new Decision(List.of(new Cancel(due.step())), Optional.empty());
        }
        if (pausing(state.status())) {
            return new Decision(List.of(new Decision.HoldTimer(due.step())), Optional.empty());
        }
        Optional<ExecutionStatus> running = state.status() == ExecutionStatus.WAITING
                ? Optional.of(ExecutionStatus.RUNNING) : Optional.empty();
        return new Decision(List.of(new Decision.Wake(due.step())), running);
    }

    /** Whether new runs of an execution in {@code status} are held until it resumes. */
    private static boolean pausing(ExecutionStatus status) {
        return ExecutionStatus.PAUSING_OR_PAUSED.contains(status);
    }

    /**
     * The completed steps are recorded; once none remains the execution completes, else each successor of the last
     * whose dependencies all completed gets its run: the first, in plan order, handed to the same worker, the others
     * READY; all of them PENDING while the execution pauses, which is PAUSED once no run of it runs. When nothing
     * follows, a running execution whose other runs all wait is WAITING (which takes every run read). An execution
     * that ended meanwhile takes nothing more: the steps run in memory are dropped.
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
        if (runnable.isEmpty() && state.status() == ExecutionStatus.RUNNING) {
            // A run read that is still active settles it at once: the execution goes on running.
            if (!state.allRuns() && !anyActive(state, Set.copyOf(finished))) {
                return Decision.NEEDS_ALL_RUNS;
            }
            return new Decision(runs, onlyWaiting(state, Set.copyOf(finished)), finished);
        }
        boolean held = pausing(state.status());
        for (String step : runnable) {
            if (held) {
                runs.add(new Create(step, TaskStatus.PENDING));
            } else {
                runs.add(step.equals(runnable.getFirst()) ? new HandOff(step) : new Create(step, TaskStatus.READY));
            }
        }
        return new Decision(runs, pausedOnceIdle(state, Set.copyOf(finished)), finished);
    }

    /**
     * A task that asks to wait is parked until its time; its execution is WAITING while nothing else of it runs or
     * is ready to, and PAUSED when it was pausing and nothing else runs. In an execution that ended meanwhile the
     * run is cancelled instead.
     */
    private static Decision parked(ExecutionState state, Happening.TaskParked parked) {
        if (state.status().isTerminal()) {
            return new Decision(List.of(new Cancel(parked.step())), Optional.empty());
        }
        if (pausing(state.status())) {
            return new Decision(List.of(new Decision.Park(parked.step(), parked.until(), true)),
                    pausedOnceIdle(state, Set.of(parked.step())));
        }
        List<RunChange> park = List.of(new Decision.Park(parked.step(), parked.until()));
        boolean othersActive = state.runs().entrySet().stream().anyMatch(run -> !run.getKey().equals(parked.step())
                && (run.getValue() == TaskStatus.RUNNING || run.getValue() == TaskStatus.READY));
        Optional<ExecutionStatus> waiting = othersActive || state.status() != ExecutionStatus.RUNNING ? Optional.empty()
                : Optional.of(ExecutionStatus.WAITING);
        return new Decision(park, waiting);
    }

    /**
     * A RUNNING execution becomes WAITING when, but for the runs in {@code ending}, which end now, none of its runs
     * runs or may run and some wait.
     */
    private static Optional<ExecutionStatus> onlyWaiting(ExecutionState state, Set<String> ending) {
        boolean waiting = state.runs().entrySet().stream()
                .anyMatch(run -> !ending.contains(run.getKey()) && run.getValue() == TaskStatus.WAITING);
        return waiting && !anyActive(state, ending) ? Optional.of(ExecutionStatus.WAITING) : Optional.empty();
    }

    /** Whether a run read, but for those in {@code ending}, runs or may run (READY, or held PENDING). */
    private static boolean anyActive(ExecutionState state, Set<String> ending) {
        return state.runs().entrySet().stream().anyMatch(run -> !ending.contains(run.getKey())
                && (run.getValue() == TaskStatus.RUNNING || run.getValue() == TaskStatus.READY
                        || run.getValue() == TaskStatus.PENDING));
    }

    /** A PAUSING execution becomes PAUSED when no run of it runs but those in {@code ending}, which end now. */
    private static Optional<ExecutionStatus> pausedOnceIdle(ExecutionState state, Set<String> ending) {
        if (state.status() != ExecutionStatus.PAUSING) {
            return Optional.empty();
        }
        boolean othersRunning = state.runs().entrySet().stream()
                .anyMatch(run -> run.getValue() == TaskStatus.RUNNING && !ending.contains(run.getKey()));
        return othersRunning ? Optional.empty() : Optional.of(ExecutionStatus.PAUSED);
    }

    /**
     * Nothing new starts: READY runs are held (retries keep their time) and the execution is PAUSING while a run of
     * it runs, PAUSED when none does. Parked runs keep their times but are held too: one whose time comes meanwhile
     * waits for the resume.
     */
    private static Decision pause(ExecutionState state) {
        List<RunChange> runs = new ArrayList<>();
        boolean running = false;
        for (Map.Entry<String, TaskStatus> run : state.runs().entrySet()) {
            if (run.getValue() == TaskStatus.READY) {
                runs.add(new Decision.Hold(run.getKey()));
            } else if (run.getValue() == TaskStatus.WAITING) {
                runs.add(new Decision.HoldTimer(run.getKey()));
            }
            running |= run.getValue() == TaskStatus.RUNNING;
        }
        return new Decision(runs, Optional.of(running ? ExecutionStatus.PAUSING : ExecutionStatus.PAUSED));
    }

    /**
     * The held runs, parked ones included, are released and the execution goes on: RUNNING while a run of it runs or
     * is ready to, else WAITING on its parked runs (one whose time came meanwhile completes now).
     */
    private static Decision resume(ExecutionState state) {
        List<RunChange> runs = new ArrayList<>();
        boolean active = false;
        boolean waiting = false;
        for (Map.Entry<String, TaskStatus> run : state.runs().entrySet()) {
            if (run.getValue() == TaskStatus.PENDING) {
                runs.add(new Decision.Release(run.getKey()));
            } else if (run.getValue() == TaskStatus.WAITING) {
                runs.add(new Decision.ReleaseTimer(run.getKey()));
            }
            active |= run.getValue() == TaskStatus.PENDING || run.getValue() == TaskStatus.READY
                    || run.getValue() == TaskStatus.RUNNING;
            waiting |= run.getValue() == TaskStatus.WAITING;
        }
        return new Decision(runs, Optional.of(!active && waiting ? ExecutionStatus.WAITING : ExecutionStatus.RUNNING));
    }

    /**
     * The runs a rerun from {@code fromTask} starts with: every step that does not depend on it, directly or not, and
     * completed here is reused (a COMPLETED run, copied); every other step whose dependencies are all reused is READY.
     */
    private static Decision rerun(Plan plan, ExecutionState original, String fromTask) {
        Set<String> downstream = downstream(plan, fromTask);
        Set<String> reused = new HashSet<>();
        List<RunChange> runs = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            if (!downstream.contains(step.name()) && original.run(step.name()).orElse(null) == TaskStatus.COMPLETED) {
                reused.add(step.name());
                runs.add(new Create(step.name(), TaskStatus.COMPLETED));
            }
        }
        for (Plan.Step step : plan.steps()) {
            if (!reused.contains(step.name()) && reused.containsAll(step.dependencies())) {
                runs.add(new Create(step.name(), TaskStatus.READY));
            }
        }
        return new Decision(runs, Optional.of(ExecutionStatus.QUEUED));
    }

    /**
     * {@code fromTask} and every step that depends on it, directly or not. Followed by dependencies, not by definition
     * order, which need not be a topological one (a document may list a task before those it reads).
     */
    private static Set<String> downstream(Plan plan, String fromTask) {
        Set<String> found = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(fromTask));
        while (!next.isEmpty()) {
            String step = next.pop();
            if (found.add(step)) {
                plan.steps().stream().filter(s -> s.dependencies().contains(step)).forEach(s -> next.push(s.name()));
            }
        }
        return found;
    }

    /**
     * The next run starts as a new execution would: QUEUED, with READY runs of the steps that wait for nothing. From a
     * step, it starts as a rerun from that step would ({@link #rerun}): the runs of the steps that do not depend on it
     * and completed in this run are kept (COMPLETED, carried over), the steps whose dependencies are all kept are
     * READY. A plan without steps is refused: its next run would get no task run, and nothing would ever end it.
     */
    private static Decision restart(Plan plan, ExecutionState state, String fromStep) {
        if (plan.steps().isEmpty()) {
            return Decision.REFUSED;
        }
        List<RunChange> runs = fromStep != null ? rerun(plan, state, fromStep).runs()
                : plan.steps().stream().filter(step -> step.dependencies().isEmpty())
                        .map(step -> (RunChange) new Create(step.name(), TaskStatus.READY)).toList();
        return new Decision(runs, Optional.of(ExecutionStatus.QUEUED), List.of(), Decision.Effect.RESTART);
    }

    /** A failed task is retried when it may be and its execution is live; otherwise it fails its execution. */
    private static Decision failed(Plan plan, ExecutionState state, Happening.TaskFailed failed) {
        if (failed.retryAt().isPresent() && !state.status().isTerminal()) {
            return new Decision(List.of(new Retry(failed.step(), failed.retryAt().get(), pausing(state.status()))),
                    pausedOnceIdle(state, Set.of(failed.step())));
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
     * termination cancels them too, so their late results are dropped, and the store tells them to stop.
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
