package io.dataflow.engine.run;

import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.StoredJson;
import io.dataflow.engine.store.TaskTransitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The tasks one worker finished and has not recorded yet: a claimed task (the head) and the successors it went on
 * to run in memory, each the only successor of the one before. They are recorded together, in one completion, when
 * the chain stops; until then a crash loses nothing recorded: the head's lease expires and it runs again.
 */
final class Chain {

    private ClaimedTask head;
    private StoredJson headInput;
    private StoredJson headOutput;
    private Instant headFinishedAt;
    private final List<TaskTransitions.Chained> chained = new ArrayList<>();
    private Map<String, JsonNode> outputs;
    private Instant startedAt;

    /**
     * @param head the claimed task the chain starts with
     * @param knownOutputs outputs of this execution's tasks already in hand, by task name
     */
    Chain(ClaimedTask head, Map<String, JsonNode> knownOutputs, Instant now) {
        restart(head, knownOutputs, now);
    }

    /** Starts over from a newly claimed head once everything before it was recorded. */
    void restart(ClaimedTask newHead, Map<String, JsonNode> retained, Instant now) {
        head = newHead;
        headInput = null;
        headOutput = null;
        headFinishedAt = null;
        chained.clear();
        outputs = new HashMap<>(retained);
        startedAt = now;
    }

    ClaimedTask head() {
        return head;
    }

    /** Whether {@code task} is the claimed head, as opposed to a successor that exists only in memory so far. */
    boolean isClaimed(ClaimedTask task) {
        return task.id().equals(head.id());
    }

    /** The name of the last task finished; there is one once the head finished. */
    String lastFinished() {
        return chained.isEmpty() ? head.name() : chained.getLast().task().name();
    }

    /** Outputs in hand, by task name: those known at the start and those of the tasks finished since. */
    Map<String, JsonNode> outputs() {
        return outputs;
    }

    /** Keeps only the outputs something after this point may read. */
    void retainOnly(Map<String, JsonNode> retained) {
        outputs = new HashMap<>(retained);
    }

    /**
     * Adds a finished task: the head, or the in-memory successor that ran after the last one. Its input and output
     * are as they will be stored; the tasks after it read the output as stored.
     */
    void finished(ClaimedTask task, StoredJson input, StoredJson output, Instant at) {
        if (isClaimed(task)) {
            headInput = input;
            headOutput = output;
            headFinishedAt = at;
        } else {
            chained.add(new TaskTransitions.Chained(task, input, output, at));
        }
        outputs.put(task.name(), output.node());
    }

    /** How many tasks finished. */
    int length() {
        return (headFinishedAt == null ? 0 : 1) + chained.size();
    }

    /** How long ago the chain started (or restarted). */
    Duration age(Instant now) {
        return Duration.between(startedAt, now);
    }

    /** Everything finished, as one completion to record. */
    TaskTransitions.Success success(TaskTransitions.Settler settler) {
        return new TaskTransitions.Success(head, headInput, headOutput, headFinishedAt, chained, new HashMap<>(outputs),
                settler);
    }
}
