package io.dataflow.engine.run;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.expression.TemplateResolver;
import io.dataflow.engine.expression.TemplateException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.TaskTransitions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates a workflow's declared outputs once all its tasks completed.
 *
 * <p>The store asks for them inside the transaction that records the last completion, on the one thread that
 * commits every worker's completions: an output template that computes for its whole time limit there would hold
 * everyone's completions. So a worker that finishes a task nothing depends on, holding every output the templates
 * read, evaluates them first, on its own thread ({@link #prepare}); the store then takes that result if it settles
 * the execution with those same task outputs, and evaluates only when it does not (outputs reading tasks the worker
 * did not hold).
 */
final class WorkflowOutputs implements TaskTransitions.Settler {

    private final Plan plan;
    private final ClaimedTask task;
    private final TemplateResolver templates;
    private final String eventUrl;
    /** The task outputs {@link #prepared} was computed from, by task name; null when nothing was prepared. */
    private Map<String, JsonNode> preparedFrom;
    private JsonNode prepared;
    private TaskTransitions.SettleException preparedFailure;

    /** @param eventUrl the execution's event link, for templates that read {@code execution.event_url} */
    WorkflowOutputs(Plan plan, ClaimedTask task, TemplateResolver templates, String eventUrl) {
        this.plan = plan;
        this.task = task;
        this.templates = templates;
        this.eventUrl = eventUrl;
    }

    @Override
    public Set<String> needs() {
        return plan.outputDependencies();
    }

    /** Evaluates the outputs now, on the calling worker, when {@code inHand} has every task output they read. */
    void prepare(Map<String, JsonNode> inHand) {
        if (!inHand.keySet().containsAll(needs())) {
            return;
        }
        Map<String, JsonNode> from = new HashMap<>();
        needs().forEach(name -> from.put(name, inHand.get(name)));
        try {
            prepared = evaluate(from);
        } catch (TaskTransitions.SettleException e) {
            preparedFailure = e;
        }
        preparedFrom = from;
    }

    @Override
    public JsonNode outputs(Map<String, JsonNode> taskOutputs) throws TaskTransitions.SettleException {
        if (preparedFrom != null && sameOutputs(taskOutputs)) {
            if (preparedFailure != null) {
                throw preparedFailure;
            }
            return prepared;
        }
        return evaluate(taskOutputs);
    }

    /** Whether the store settles with the very task outputs the prepared result was computed from. */
    private boolean sameOutputs(Map<String, JsonNode> taskOutputs) {
        for (Map.Entry<String, JsonNode> used : preparedFrom.entrySet()) {
            if (taskOutputs.get(used.getKey()) != used.getValue()) {
                return false;
            }
        }
        return true;
    }

    private JsonNode evaluate(Map<String, JsonNode> taskOutputs) throws TaskTransitions.SettleException {
        ObjectNode context = ExecutionContext.of(task.execution(), task.executionCreatedAt(), task.executionInputs(),
                taskOutputs, eventUrl);
        ObjectNode outputs = Json.object();
        TemplateResolver.Resolution resolution = templates.open(context);
        for (OutputDecl output : plan.definition().outputs()) {
            JsonNode value;
            try {
                value = resolution.resolve(output.value());
            } catch (TemplateException e) {
                throw new TaskTransitions.SettleException("output '" + output.name() + "': " + e.getMessage());
            }
            if (value != null && !value.isNull() && !output.type().matches(value)) {
                throw new TaskTransitions.SettleException("output '" + output.name() + "' must be "
                        + output.type().wireName() + ", got " + PortType.describe(value));
            }
            outputs.set(output.name(), value);
        }
        return outputs;
    }
}
