package io.dataflow.engine.run;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.expression.TemplateResolver;
import io.dataflow.engine.expression.TemplateException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes a task's input for one attempt: each declared port's template evaluated against the execution context,
 * defaults applied, and the result checked against the port's type.
 */
final class TaskInputResolver {

    private final TemplateResolver templates;

    TaskInputResolver(TemplateResolver templates) {
        this.templates = templates;
    }

    /** The resolved input; a {@link TaskFailure} (not retryable) says which port is wrong and why. */
    ObjectNode resolve(Plan.Step step, ObjectNode context) throws TaskFailure {
        ObjectNode input = Json.object();
        ObjectNode given = step.task().inputs();
        // One budget for all the task's templates, and the context converted once for them.
        TemplateResolver.Resolution resolution = templates.open(context);
        for (Port port : step.type().inputs()) {
            JsonNode value = null;
            if (given != null && given.has(port.name())) {
                try {
                    value = resolution.resolve(given.get(port.name()));
                } catch (TemplateException e) {
                    throw TaskFailure.permanent("input '" + port.name() + "': " + e.getMessage());
                }
            }
            if (value == null || value.isNull() || value.isMissingNode()) {
                if (port.defaultValue() != null) {
                    value = port.defaultValue();
                } else if (port.required()) {
                    throw TaskFailure.permanent("input '" + port.name() + "' is required but "
                            + (given != null && given.has(port.name()) ? given.get(port.name()) + " gave nothing"
                                    : "no value was given"));
                } else {
                    continue;
                }
            }
            if (!port.type().matches(value)) {
                throw TaskFailure.permanent("input '" + port.name() + "' must be " + port.type().wireName() + ", got "
                        + PortType.describe(value));
            }
            input.set(port.name(), value);
        }
        return input;
    }
}
