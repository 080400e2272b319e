package io.dataflow.engine.decide;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Something that happened to an execution, for the {@link Decider} to decide what follows. */
public sealed interface Happening {

    /**
     * A task's attempt succeeded, and so did the steps its worker then ran in memory.
     *
     * @param chained the steps run in memory after {@code step}, in order, each the only successor of the one before
     */
    record TaskCompleted(String step, List<String> chained) implements Happening {
        public TaskCompleted {
            chained = List.copyOf(chained);
        }

        /** The step whose successors come next: the last of the chain. */
        String last() {
            return chained.isEmpty() ? step : chained.getLast();
        }
    }

    /**
     * A task's attempt failed, or its worker stopped answering.
     *
     * @param retryAt when the task may be tried again; empty when it may not (no attempts left, or not retryable)
     */
    record TaskFailed(String step, Optional<Instant> retryAt) implements Happening {
    }

    /** A task's attempt asked to wait until {@code until} before it completes (a sleep). */
    record TaskParked(String step, Instant until) implements Happening {
    }

    /**
     * The time a parked run waited for came: its sleep ended, the event it waited for came, or its wait timed out.
     */
    record TimerDue(String step) implements Happening {
    }

    /** An event of {@code type} was sent to the execution. */
    record EventArrived(String type) implements Happening {
    }

    /** The execution's outputs could not be computed once every task completed. */
    record OutputsFailed() implements Happening {
    }

    /** Someone asked to stop the execution: running attempts are told to stop, the rest cancelled. */
    record TerminateAsked() implements Happening {
    }

    /** Someone asked to pause the execution: running tasks finish, nothing new starts. */
    record PauseAsked() implements Happening {
    }

    /** Someone asked a paused (or pausing) execution to go on. */
    record ResumeAsked() implements Happening {
    }

    /**
     * Someone asked for a new execution that reruns this finished one from {@code fromTask}: decided on this one's
     * runs, it names the runs the new one starts with.
     */
    record RerunAsked(String fromTask) implements Happening {
    }

    /**
     * Someone asked to run the execution again as its next run: from the start, or from {@code fromStep}, keeping the
     * completed runs of the steps that do not depend on it.
     *
     * @param fromStep a step of the plan, or null for the start
     */
    record RestartAsked(String fromStep) implements Happening {

        /** From the start. */
        public RestartAsked() {
            this(null);
        }
    }
}
