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
 */
public record Decision(List<RunChange> runs, Optional<ExecutionStatus> execution, List<String> completed) {

    static final Decision NOTHING = new Decision(List.of(), Optional.empty(), List.of());

    public Decision {
        runs = List.copyOf(runs);
        completed = List.copyOf(completed);
    }

    Decision(List<RunChange> runs, Optional<ExecutionStatus> execution) {
        this(runs, execution, List.of());
    }

    /** One task run to create or change. */
    public sealed interface RunChange {
        String step();

        /** The status the run has once the change is applied. */
        TaskStatus status();
    }

    /**
     * A run to create for a step: READY to claim when just reached, COMPLETED when it already ran in memory, or
     * CANCELLED when it will never be reached.
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

    /** The failed run waits, READY, until {@code at}, for its next attempt. */
    public record Retry(String step, Instant at) implements RunChange {
        @Override
        public TaskStatus status() {
            return TaskStatus.READY;
        }
    }

    /** The run waits, WAITING, until {@code until}, holding no worker. */
    public record Park(String step, Instant until) implements RunChange {
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
