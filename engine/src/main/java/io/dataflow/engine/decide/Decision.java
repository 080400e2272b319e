package io.dataflow.engine.decide;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the {@link Decider} decided: the task runs to create or change and the execution's new status. The store
 * applies it in the transaction that read the state, with the events each change emits.
 *
 * @param runs changes in the order to apply them
 * @param execution the execution's new status, when it changes: COMPLETED means its outputs are computed now
 * @param completed the steps that completed with the happening (the attempt recorded and the steps that ran in
 *     memory after it), counted off the steps remaining
 * @param effect what the decision does beyond its changes: nothing, refuse what was asked, or start the next run
 */
public record Decision(List<RunChange> runs, Optional<ExecutionStatus> execution, List<String> completed,
        Effect effect) {

    static final Decision NOTHING = new Decision(List.of(), Optional.empty(), List.of(), Effect.CHANGES);
    static final Decision REFUSED = new Decision(List.of(), Optional.empty(), List.of(), Effect.REFUSED);
    static final Decision NEEDS_ALL_RUNS = new Decision(List.of(), Optional.empty(), List.of(),
            Effect.NEEDS_ALL_RUNS);

    /** What a decision does beyond its run changes and status. */
    public enum Effect {
        /** Only its changes. */
        CHANGES,
        /** What was asked does not fit the execution's status: nothing changes. */
        REFUSED,
        /**
         * The execution's runs, attempts and events are set aside as its history and cleared, and it starts again as
         * its next run with the changes' runs; running attempts are told to stop.
         */
        RESTART,
        /**
         * Nothing is decided yet: the happening must be decided again with every run of the execution read (a task
         * completed and nothing follows it, so whether the execution now only waits depends on its other runs).
         */
        NEEDS_ALL_RUNS
    }

    public Decision {
        runs = List.copyOf(runs);
        completed = List.copyOf(completed);
    }

    Decision(List<RunChange> runs, Optional<ExecutionStatus> execution, List<String> completed) {
        this(runs, execution, completed, Effect.CHANGES);
    }

    Decision(List<RunChange> runs, Optional<ExecutionStatus> execution) {
        this(runs, execution, List.of(), Effect.CHANGES);
    }

    public boolean refused() {
        return effect == Effect.REFUSED;
    }

    /** One task run to create or change. */
    public sealed interface RunChange {
        String step();

        /** The status the run has once the change is applied. */
        TaskStatus status();
    }

    /**
     * A run to create for a step: READY to claim when just reached, PENDING when just reached while its execution
     * pauses, COMPLETED when it already ran in memory, or CANCELLED when it will never be reached.
     */
    public record Create(String step, TaskStatus status) implements RunChange {
    }

    /** A run to create already claimed by the worker that completed its predecessor, so it runs on without a queue. */
    public record HandOff(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.RUNNING;
        }
    }

    /**
     * The failed run waits, READY, until {@code at}, for its next attempt; PENDING ({@code held}) while its execution
     * pauses, until it resumes.
     */
    public record Retry(String step, Instant at, boolean held) implements RunChange {
        @Override
        public TaskStatus status() {
            return held ? TaskStatus.PENDING : TaskStatus.READY;
        }
    }

    /** A parked run whose time came, leased to the node that woke it: it completes (or times out) now. */
    public record Wake(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.RUNNING;
        }
    }

    /**
     * A run waiting for an event takes the one that arrived: it stays WAITING, due at once, or ({@code held}) at the
     * resume of its paused execution.
     */
    public record Deliver(String step, boolean held) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.WAITING;
        }
    }

    /** A READY run held, PENDING, while its execution pauses: no worker claims it. */
    public record Hold(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.PENDING;
        }
    }

    /** A held run released, READY, when its execution resumes. */
    public record Release(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.READY;
        }
    }

    /**
     * The run waits, WAITING, until {@code until}, holding no worker; {@code held} while its execution pauses, when
     * it keeps its time but does not come due before the resume.
     */
    public record Park(String step, Instant until, boolean held) implements RunChange {
        public Park(String step, Instant until) {
            this(step, until, false);
        }

        @Override
        public TaskStatus status() {
            return TaskStatus.WAITING;
        }
    }

    /** A parked run of an execution that pauses keeps its time but does not come due before the resume. */
    public record HoldTimer(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.WAITING;
        }
    }

    /** A parked run held while its execution paused comes due at its time again (at once if that passed). */
    public record ReleaseTimer(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.WAITING;
        }
    }

    /** The failed run fails for good. */
    public record Fail(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.FAILED;
        }
    }

    /** An unfinished run that will not finish: it becomes CANCELLED, and a running attempt's result is dropped. */
    public record Cancel(String step) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.CANCELLED;
        }
    }
}
