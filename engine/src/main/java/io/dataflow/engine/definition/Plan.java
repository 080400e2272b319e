package io.dataflow.engine.definition;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.NothingToRunException;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.StepSettings;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.spi.TaskType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A validated definition ready to run: each task with its type, the tasks it waits for and the tasks that wait for
 * it, and its effective retry policy and timeout under each {@link StepDefaults}. Immutable; one per workflow version,
 * whatever defaults its executions were started with.
 */
public final class Plan {

    /**
     * One task of the plan.
     *
     * @param dependencies names of the tasks whose outputs this task's inputs reference
     * @param successors names of the tasks that reference this task's outputs
     * @param secrets names of the credentials this task's inputs read as {@code secrets.<name>}
     * @param settings the task's retry policy and attempt time limit in an execution started with each defaults
     */
    public record Step(TaskDef task, TaskType type, Set<String> dependencies, Set<String> successors,
            Set<String> secrets, Map<StepDefaults, StepSettings> settings) {

        public Step {
            settings = Map.copyOf(settings);
        }

        public String name() {
            return task.name();
        }

        /** How the task runs in an execution started with {@code defaults}. */
        public StepSettings settings(StepDefaults defaults) {
            return settings.get(defaults);
        }
    }

    private final Definition definition;
    private final Map<String, Step> steps;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Set<String> outputDependencies;
    private final boolean readsEventUrl;

    /**
     * @param steps in definition order
     * @param outputDependencies names of the tasks whose outputs the workflow's declared outputs read
     */
    Plan(Definition definition, Map<String, Step> steps, Set<String> outputDependencies) {
        this.definition = definition;
        this.steps = steps;
        this.outputDependencies = outputDependencies;
        for (String name : steps.keySet()) {
            positions.put(name, positions.size());
        }
        this.readsEventUrl = Json.MAPPER.writeValueAsString(definition).contains(EVENT_URL);
    }

    /** The name under {@code execution} of the execution's event link. */
    private static final String EVENT_URL = "event_url";

    /**
     * Whether a template of the workflow names {@code execution.event_url}, so that running it needs the execution's
     * event link; a link is signed only for those (a template has to name it: one that builds the name from parts
     * reads nothing).
     */
    public boolean readsEventUrl() {
        return readsEventUrl;
    }

    public Definition definition() {
        return definition;
    }

    /** Steps in definition order. */
    public Collection<Step> steps() {
        return steps.values();
    }

    /**
     * This plan, when it has a step to run. An execution of a plan without one would get no task run, and nothing
     * else ever settles an execution, so every start, rerun, restart and deploy asks this first.
     *
     * @param workflowId the workflow the plan's definition is of, for the refusal
     * @param givenWithStart whether the definition was sent with the start instead of being a version of the workflow
     * @throws NothingToRunException when the plan has no step
     */
    public Plan runnable(String workflowId, boolean givenWithStart) {
        if (steps.isEmpty()) {
            throw new NothingToRunException(workflowId, givenWithStart);
        }
        return this;
    }

    /** A task's place in definition order, from 0; each execution's task runs are numbered the same way. */
    public int position(String name) {
        step(name); // fails for a name not in the plan
        return positions.get(name);
    }

    /** Names of the tasks whose outputs the workflow's declared outputs read. */
    public Set<String> outputDependencies() {
        return outputDependencies;
    }

    public Step step(String name) {
        Step step = steps.get(name);
        if (step == null) {
            throw new IllegalArgumentException("no task named " + name + " in this plan");
        }
        return step;
    }
}
