package io.dataflow.server.api.dataflow;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.model.WorkflowSettings;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Translates a {@code /workflows} document into the engine's definition.
 *
 * <p>Seed 000's linear {@code steps} become a chain: each step's primary input is the previous step's primary
 * output. The first step's primary input is also the workflow's one input (named after the port, e.g.
 * {@code text}); a value given in the step's {@code input} is that input's default, so the seed's "Dummy Workflow"
 * runs with no input and also accepts {@code {"input": {"text": ...}}}.
 *
 * <p>Seed 001's {@code tasks} map one to one; their order follows the templates between them.
 *
 * <p>A step or task gives its own retry policy and attempt time limit in this dialect's words ({@code retry},
 * {@code timeout_seconds}) or as Cloudflare's Workflows write a step's ({@code config: {retries, timeout}}, read by
 * {@link StepConfigReader}), one form for each.
 */
final class WorkflowDocumentReader {

    private static final Set<String> STEPS_FIELDS = Set.of("name", "title", "description", "steps", "settings");
    private static final Set<String> TASKS_FIELDS = Set.of("name", "title", "description", "inputs", "tasks", "outputs",
            "settings");
    private static final Set<String> STEP_FIELDS = Set.of("name", "type", "input", "retry", "timeout_seconds",
            "config", "description");
    private static final Set<String> TASK_FIELDS = Set.of("name", "type", "inputs", "retry", "timeout_seconds",
            "config", "description");
    private static final Set<String> CONFIG_FIELDS = Set.of("retries", "timeout");
    private static final Set<String> OUTPUT_FIELDS = Set.of("name", "type", "value", "description");
    private static final Set<String> SETTINGS_FIELDS = Set.of("max_retries", "retry_delay_ms", "retry_backoff",
            "task_timeout_seconds");
    private static final Set<String> RETRY_FIELDS = Set.of("max_retries", "delay_ms", "backoff");
    private static final int MAX_TASKS = 500;

    private final TaskTypeRegistry registry;

    WorkflowDocumentReader(TaskTypeRegistry registry) {
        this.registry = registry;
    }

    /**
     * Reads a document; throws {@link InvalidDefinitionException} with every structural problem found. The
     * definition it returns is then compiled by the engine, which finds the rest.
     */
    WorkflowDocument read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        if (doc == null) {
            throw new InvalidDefinitionException(problems);
        }
        boolean steps = doc.has("steps");
        boolean tasks = doc.has("tasks");
        if (steps == tasks) {
            problems.add(new Problem("", steps ? "give either steps (a linear workflow) or tasks, not both"
                    : "a workflow needs steps (a linear workflow) or tasks (a graph with inputs and outputs)"));
            throw new InvalidDefinitionException(problems);
        }
        fields.rejectUnknown(doc, "", steps ? STEPS_FIELDS : TASKS_FIELDS);
        String name = name(doc, fields, steps);
        String description = fields.text(doc, "description", "", false);
        WorkflowSettings settings = settings(doc, fields);
        Definition definition = steps ? readSteps(doc, fields, settings) : readTasks(doc, fields, settings);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new WorkflowDocument(name, description, definition, doc);
    }

    private static String name(ObjectNode doc, JsonFields fields, boolean steps) {
        String primary = steps ? "name" : "title";
        String other = steps ? "title" : "name";
        String name = doc.has(primary) || !doc.has(other) ? fields.text(doc, primary, "", true)
                : fields.text(doc, other, "", true);
        if (name != null && name.length() > 200) {
            fields.problem("/" + (doc.has(primary) ? primary : other), "must be at most 200 characters");
        }
        return name;
    }

    private Definition readSteps(ObjectNode doc, JsonFields fields, WorkflowSettings settings) {
        List<JsonNode> steps = fields.array(doc, "steps", "", true);
        List<TaskDef> tasks = new ArrayList<>();
        List<InputDecl> inputs = new ArrayList<>();
        if (steps == null) {
            return new Definition(inputs, tasks, List.of(), settings);
        }
        if (steps.isEmpty() || steps.size() > MAX_TASKS) {
            fields.problem("/steps", "must have from 1 to " + MAX_TASKS + " steps");
        }
        TaskDef previous = null;
        Optional<TaskType> previousType = Optional.empty();
        for (int i = 0; i < steps.size(); i++) {
            String at = Pointers.append("/steps", i);
            ObjectNode step = fields.object(steps.get(i), at, true);
            if (step == null) {
                previous = null;
                continue;
            }
            fields.rejectUnknown(step, at, STEP_FIELDS);
            String type = fields.text(step, "type", at, true);
            String name = step.has("name") ? fields.text(step, "name", at, true) : "step_" + (i + 1);
            if (name != null && !DefinitionCompiler.isValidName(name)) {
                // Reported here, since the templates chaining the steps would otherwise fail on it too.
                fields.problem(at + "/name", "step name must start with a letter or '_' and contain only letters,"
                        + " digits and '_' (at most 100), got '" + name + "'");
            }
            Optional<TaskType> taskType = registry.find(type);
            ObjectNode given = Json.object();
            Map<String, String> origins = new java.util.HashMap<>();
            Optional<Port> primary = taskType.flatMap(t -> t.inputs().stream().findFirst());
            JsonNode input = step.get("input");
            if (input != null && !input.isNull()) {
                if (input.isObject()) {
                    input.properties().forEach(e -> {
                        given.set(e.getKey(), e.getValue());
                        origins.put(e.getKey(), Pointers.append(at + "/input", e.getKey()));
                    });
                } else if (primary.isPresent()) {
                    given.set(primary.get().name(), input);
                    origins.put(primary.get().name(), at + "/input");
                }
            }
            if (primary.isPresent()) {
                String port = primary.get().name();
                if (i == 0) {
                    JsonNode fixed = given.get(port);
                    inputs.add(new InputDecl(port, primary.get().type(), "input of the first step",
                            fixed == null && primary.get().defaultValue() == null, fixed != null ? fixed
                                    : primary.get().defaultValue(), at));
                    given.set(port, StringNode.valueOf("{{ inputs." + port + " }}"));
                    origins.putIfAbsent(port, at);
                } else if (given.has(port)) {
                    fields.problem(origins.get(port), "only the first step takes its " + port + " from 'input': step "
                            + (i + 1) + " receives it from the output of step " + i);
                } else if (previous != null && previousType.isPresent() && !previousType.get().outputs().isEmpty()) {
                    given.set(port, StringNode.valueOf("{{ tasks." + previous.name() + ".outputs."
                            + previousType.get().outputs().getFirst().name() + " }}"));
                    origins.put(port, at);
                }
            }
            OwnSettings own = own(step, at, fields, settings);
            TaskDef task = new TaskDef(name, type, given, own.retry(), own.timeout(), at, origins);
            tasks.add(task);
            previous = task;
            previousType = taskType;
        }
        return new Definition(inputs, tasks, lastStepOutput(previous, previousType, steps.size()), settings);
    }

    /** A linear workflow's output is its last step's primary output, under that port's name. */
    private static List<OutputDecl> lastStepOutput(TaskDef last, Optional<TaskType> type, int count) {
        if (last == null || type.isEmpty() || type.get().outputs().isEmpty()) {
            return List.of();
        }
        Port port = type.get().outputs().getFirst();
        return List.of(new OutputDecl(port.name(), port.type(), StringNode.valueOf("{{ tasks." + last.name()
                + ".outputs." + port.name() + " }}"), Pointers.append("/steps", count - 1)));
    }

    private Definition readTasks(ObjectNode doc, JsonFields fields, WorkflowSettings settings) {
        List<InputDecl> inputs = InputDeclarations.read(doc, "", fields);
        List<TaskDef> tasks = new ArrayList<>();
        List<JsonNode> taskNodes = fields.array(doc, "tasks", "", true);
        if (taskNodes != null && (taskNodes.isEmpty() || taskNodes.size() > MAX_TASKS)) {
            fields.problem("/tasks", "must have from 1 to " + MAX_TASKS + " tasks");
        }
        for (int i = 0; taskNodes != null && i < taskNodes.size(); i++) {
            String at = Pointers.append("/tasks", i);
            ObjectNode task = fields.object(taskNodes.get(i), at, true);
            if (task == null) {
                continue;
            }
            fields.rejectUnknown(task, at, TASK_FIELDS);
            String name = fields.text(task, "name", at, true);
            String type = fields.text(task, "type", at, true);
            ObjectNode given = fields.object(task.get("inputs"), at + "/inputs", false);
            OwnSettings own = own(task, at, fields, settings);
            tasks.add(new TaskDef(name, type, given == null ? Json.object() : given.deepCopy(), own.retry(),
                    own.timeout(), at, Map.of()));
        }
        List<OutputDecl> outputs = new ArrayList<>();
        List<JsonNode> outputNodes = fields.array(doc, "outputs", "", false);
        for (int i = 0; outputNodes != null && i < outputNodes.size(); i++) {
            String at = Pointers.append("/outputs", i);
            ObjectNode output = fields.object(outputNodes.get(i), at, true);
            if (output == null) {
                continue;
            }
            fields.rejectUnknown(output, at, OUTPUT_FIELDS);
            String name = fields.text(output, "name", at, true);
            PortType type = fields.portType(output, at, PortType.ANY);
            JsonNode value = output.get("value");
            if (value == null) {
                fields.problem(at + "/value", "is required");
            }
            outputs.add(new OutputDecl(name, type, value, at));
        }
        return new Definition(inputs, tasks, outputs, settings);
    }

    /**
     * The document's {@code settings}: a retry policy only when one of its retry fields is given (the others from the
     * engine's defaults), a timeout only when given. What it leaves out is left to the defaults each execution runs
     * with ({@link io.dataflow.engine.model.StepDefaults}).
     */
    private static WorkflowSettings settings(ObjectNode doc, JsonFields fields) {
        ObjectNode settings = fields.object(doc.get("settings"), "/settings", false);
        if (settings == null) {
            return WorkflowSettings.NONE;
        }
        fields.rejectUnknown(settings, "/settings", SETTINGS_FIELDS);
        RetryPolicy base = RetryPolicy.DEFAULT;
        Integer retries = fields.integer(settings, "max_retries", "/settings", 0, RetryPolicy.MAX_RETRIES);
        Integer delay = fields.integer(settings, "retry_delay_ms", "/settings", 0, 3_600_000);
        Double backoff = backoff(settings, "retry_backoff", "/settings", fields);
        Integer timeout = fields.integer(settings, "task_timeout_seconds", "/settings", 1, 86_400);
        RetryPolicy retry = retries == null && delay == null && backoff == null ? null
                : new RetryPolicy(retries != null ? retries + 1 : base.maxAttempts(),
                        delay != null ? Duration.ofMillis(delay) : base.initialDelay(),
                        backoff != null ? backoff : base.multiplier(), base.maxDelay());
        return new WorkflowSettings(retry, timeout != null ? Duration.ofSeconds(timeout) : null);
    }

    /** A task's own retry policy and attempt time limit, each null when it leaves it to the settings. */
    private record OwnSettings(RetryPolicy retry, Duration timeout) {
    }

    /**
     * A task's own retry policy and time limit, in this dialect's words ({@code retry}, {@code timeout_seconds}) or
     * Cloudflare's ({@code config: {retries, timeout}}, see {@link StepConfigReader}); giving both for one of them is
     * a problem at the Cloudflare one.
     */
    private static OwnSettings own(ObjectNode task, String at, JsonFields fields, WorkflowSettings settings) {
        RetryPolicy retry = retry(task, at, fields, settings);
        Duration timeout = timeout(task, at, fields);
        String configAt = at + "/config";
        ObjectNode config = fields.object(task.get("config"), configAt, false);
        if (config == null) {
            return new OwnSettings(retry, timeout);
        }
        fields.rejectUnknown(config, configAt, CONFIG_FIELDS);
        if (given(config, "retries") && given(task, "retry")) {
            fields.problem(configAt + "/retries", "give either retry or config.retries, not both");
        } else if (given(config, "retries")) {
            retry = StepConfigReader.retries(config.get("retries"), configAt + "/retries", fields);
        }
        if (given(config, "timeout") && given(task, "timeout_seconds")) {
            fields.problem(configAt + "/timeout", "give either timeout_seconds or config.timeout, not both");
        } else if (given(config, "timeout")) {
            timeout = StepConfigReader.timeout(config.get("timeout"), configAt + "/timeout", fields);
        }
        return new OwnSettings(retry, timeout);
    }

    private static boolean given(ObjectNode node, String field) {
        return node.hasNonNull(field);
    }

    private static RetryPolicy retry(ObjectNode task, String at, JsonFields fields, WorkflowSettings settings) {
        ObjectNode retry = fields.object(task.get("retry"), at + "/retry", false);
        if (retry == null) {
            return null;
        }
        fields.rejectUnknown(retry, at + "/retry", RETRY_FIELDS);
        RetryPolicy base = settings.retry() != null ? settings.retry() : RetryPolicy.DEFAULT;
        Integer retries = fields.integer(retry, "max_retries", at + "/retry", 0, RetryPolicy.MAX_RETRIES);
        Integer delay = fields.integer(retry, "delay_ms", at + "/retry", 0, 3_600_000);
        Double backoff = backoff(retry, "backoff", at + "/retry", fields);
        return new RetryPolicy(retries != null ? retries + 1 : base.maxAttempts(),
                delay != null ? Duration.ofMillis(delay) : base.initialDelay(),
                backoff != null ? backoff : base.multiplier(), base.maxDelay());
    }

    private static Duration timeout(ObjectNode task, String at, JsonFields fields) {
        Integer seconds = fields.integer(task, "timeout_seconds", at, 1, 86_400);
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static Double backoff(ObjectNode node, String field, String at, JsonFields fields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < 1 || value.doubleValue() > 10) {
            fields.problem(Pointers.append(at, field), "must be a number from 1 to 10");
            return null;
        }
        return value.doubleValue();
    }
}
