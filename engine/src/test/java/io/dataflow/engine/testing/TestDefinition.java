package io.dataflow.engine.testing;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.model.WorkflowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A workflow definition under construction, for tests. Task inputs are JSON written with single quotes
 * ({@code "{'value': '{{inputs.x}}'}"}) to keep them readable in Java strings. Tasks are not retried unless a test
 * says so, so an unexpected failure shows at once.
 */
public final class TestDefinition {

    /** One attempt only. */
    public static final RetryPolicy NO_RETRY = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    private final List<InputDecl> inputs = new ArrayList<>();
    private final List<TaskDef> tasks = new ArrayList<>();
    private final List<OutputDecl> outputs = new ArrayList<>();
    private boolean openInputs;
    private WorkflowSettings settings = new WorkflowSettings(NO_RETRY, Duration.ofSeconds(30));

    /**
     * {@code maxAttempts} attempts, waiting {@code delay} before the first retry and {@code multiplier} times longer
     * before each later one.
     */
    public static RetryPolicy retries(int maxAttempts, Duration delay, double multiplier) {
        return new RetryPolicy(maxAttempts, delay, multiplier, Duration.ofMinutes(1));
    }

    public TestDefinition input(String name, PortType type) {
        inputs.add(new InputDecl(name, type, null, true, null, "/inputs/" + inputs.size()));
        return this;
    }

    public TestDefinition task(String name, String type, String inputsJson) {
        return task(name, type, inputsJson, null, null);
    }

    public TestDefinition task(String name, String type, String inputsJson, RetryPolicy retry) {
        return task(name, type, inputsJson, retry, null);
    }

    /** A task; a null retry policy or timeout means the workflow's default. */
    public TestDefinition task(String name, String type, String inputsJson, RetryPolicy retry, Duration timeout) {
        tasks.add(new TaskDef(name, type, (ObjectNode) Json.parse(inputsJson.replace('\'', '"')), retry, timeout,
                "/tasks/" + tasks.size(), Map.of()));
        return this;
    }

    public TestDefinition output(String name, PortType type, String template) {
        outputs.add(new OutputDecl(name, type, StringNode.valueOf(template), "/outputs/" + outputs.size()));
        return this;
    }

    /** Lets executions be started with inputs that are not declared, and templates read them. */
    public TestDefinition openInputs() {
        openInputs = true;
        return this;
    }

    /**
     * The workflow's settings: the defaults of its tasks that set none. Unless told, one attempt of at most 30
     * seconds; {@link WorkflowSettings#NONE} leaves them to the defaults each execution is started with.
     */
    public TestDefinition settings(WorkflowSettings settings) {
        this.settings = settings;
        return this;
    }

    public Definition build() {
        return new Definition(inputs, tasks, outputs, settings, openInputs);
    }
}
