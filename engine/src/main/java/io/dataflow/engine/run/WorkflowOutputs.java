package io.dataflow.engine.run;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.expression.TemplateResolver;
import io.dataflow.engine.expression.TemplateException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.TaskTransitions;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Evaluates a workflow's declared outputs once all its tasks completed. */
final class WorkflowOutputs implements TaskTransitions.Settler {

    private final Plan plan;
    private final ClaimedTask task;
    private final TemplateResolver templates;

    WorkflowOutputs(Plan plan, ClaimedTask task, TemplateResolver templates) {
        this.plan = plan;
        this.task = task;
        this.templates = templates;
    }

    @Override
    public Set<String> needs() {
        return plan.outputDependencies();
    }

    @Override
    public JsonNode outputs(Map<String, JsonNode> taskOutputs) throws TaskTransitions.SettleException {
        ObjectNode context = ExecutionContext.of(task.execution(), task.executionCreatedAt(), task.executionInputs(),
                taskOutputs);
        ObjectNode outputs = Json.object();
        for (OutputDecl output : plan.definition().outputs()) {
            JsonNode value;
            try {
                value = templates.resolve(output.value(), context);
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
