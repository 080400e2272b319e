package io.dataflow.server.api.dataflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /workflows} API's JSON bodies as the OpenAPI document shows them, and the seeds' examples.
 *
 * <p>The controllers read request bodies as text and check them themselves ({@link WorkflowDocumentReader},
 * {@link JsonFields}), so that malformed JSON and every field's problem are reported in one problem document. These
 * records only describe those bodies; nothing reads or writes them. Keep them in step with the readers.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {
    }

    static final String TASK_TYPES = "Built-in types: StaticTextInput, Echo, TextOperation.Reverse, "
            + "TextOperation.Uppercase, TextOperation.Lowercase, TextOperation.Trim, TextOperation.Length, "
            + "TextOperation.Replace, TextOperation.Concat (see docs/api.md for their ports).";

    static final String PORT_TYPE = "One of text (alias string), number, integer, boolean, object, array, file, any.";

    @Schema(name = "LinearWorkflow", description = "Seed 000's shape: a chain of steps. Each step's primary input is "
            + "the previous step's primary output. The first step's primary input becomes the workflow's one input "
            + "(named after the port, e.g. text), with the step's `input` as its default; the last step's primary "
            + "output is the workflow's output.")
    record LinearWorkflow(
            @Schema(description = "Unique among the organization's workflows; `title` is accepted instead",
                    requiredMode = RequiredMode.REQUIRED, maxLength = 200, example = "Dummy Workflow") String name,
            @Schema(description = "Free text") String description,
            @ArraySchema(minItems = 1, maxItems = 500, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED))
            List<Step> steps,
            Settings settings) {
    }

    @Schema(name = "Step", description = "One step of a linear workflow.")
    record Step(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = TASK_TYPES,
                    example = "TextOperation.Reverse") String type,
            @Schema(description = "Task name, unique in the workflow: a letter or _, then letters, digits or _ "
                    + "(default step_1, step_2, ...)", pattern = "^[A-Za-z_][A-Za-z0-9_]{0,99}$") String name,
            @Schema(description = "A scalar is the value of the step's primary input; an object gives inputs by port "
                    + "name. Only the first step may set its primary input, and that value is the default of the "
                    + "workflow input. Strings may hold {{ }} templates.") JsonNode input,
            Retry retry,
            @Schema(description = "Limit for one attempt, overriding settings.task_timeout_seconds",
                    minimum = "1", maximum = "86400") Integer timeout_seconds,
            StepConfig config,
            String description) {
    }

    @Schema(name = "TaskWorkflow", description = "Seed 001's shape: declared inputs, tasks wired by the templates "
            + "between them, and declared outputs.")
    record TaskWorkflow(
            @Schema(description = "Unique among the organization's workflows; `name` is accepted instead",
                    requiredMode = RequiredMode.REQUIRED, maxLength = 200, example = "Hello World Workflow")
            String title,
            String description,
            List<InputDeclaration> inputs,
            @ArraySchema(minItems = 1, maxItems = 500, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED))
            List<TaskDeclaration> tasks,
            List<OutputDeclaration> outputs,
            Settings settings) {
    }

    @Schema(name = "InputDeclaration", description = "A workflow input, given in an execution's `inputs` (or "
            + "`input`) object.")
    record InputDeclaration(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z_][A-Za-z0-9_]{0,99}$") String name,
            @Schema(description = PORT_TYPE + " Default any.", example = "text") String type,
            String description,
            @Schema(description = "Default: true unless a default is given") Boolean required,
            @JsonProperty("default") @Schema(description = "Used when the execution does not give this input")
            JsonNode defaultValue) {
    }

    @Schema(name = "TaskDeclaration", description = "A task of a task workflow.")
    record TaskDeclaration(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z_][A-Za-z0-9_]{0,99}$",
                    example = "reverse") String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = TASK_TYPES,
                    example = "TextOperation.Reverse") String type,
            @Schema(description = "Values by input port name. Strings may hold {{ }} templates (JSONata over "
                    + "inputs, tasks.<name>.outputs, workflow and execution); a reference to another task's output "
                    + "makes this task run after it.", example = "{\"text\": \"{{inputs.text}}\"}")
            Map<String, JsonNode> inputs,
            Retry retry,
            @Schema(description = "Limit for one attempt, overriding settings.task_timeout_seconds",
                    minimum = "1", maximum = "86400") Integer timeout_seconds,
            StepConfig config,
            String description) {
    }

    @Schema(name = "OutputDeclaration", description = "A workflow output, evaluated when every task completed.")
    record OutputDeclaration(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,
            @Schema(description = PORT_TYPE + " Default any.") String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "A template such as "
                    + "\"{{tasks.reverse.outputs.text}}\", or a literal") JsonNode value,
            String description) {
    }

    @Schema(name = "WorkflowSettings", description = "Defaults for every task of the workflow.")
    record Settings(
            @Schema(description = "Retries after a failed attempt (default 2, so 3 attempts)", minimum = "0",
                    maximum = "20") Integer max_retries,
            @Schema(description = "Wait before the first retry (default 1000)", minimum = "0", maximum = "3600000")
            Integer retry_delay_ms,
            @Schema(description = "Factor the wait grows by per retry (default 2; at most 5 minutes)", minimum = "1",
                    maximum = "10") Double retry_backoff,
            @Schema(description = "Limit for one attempt of a task (default 300)", minimum = "1", maximum = "86400")
            Integer task_timeout_seconds) {
    }

    @Schema(name = "RetryPolicy", description = "A task's own retry policy; unset fields come from settings.")
    record Retry(
            @Schema(minimum = "0", maximum = "20") Integer max_retries,
            @Schema(minimum = "0", maximum = "3600000") Integer delay_ms,
            @Schema(minimum = "1", maximum = "10") Double backoff) {
    }

    @Schema(name = "StepConfig", description = "The task's retries and time limit as Cloudflare's Workflows write a "
            + "step's, instead of retry and timeout_seconds (one form for each). Durations are milliseconds or text "
            + "such as \"10 seconds\" or \"PT10S\".")
    record StepConfig(CloudflareRetries retries,
            @Schema(description = "Limit for one attempt: more than 0, at most a day", example = "\"5 minutes\"")
            JsonNode timeout) {
    }

    @Schema(name = "StepRetries", description = "Retries of a task as Cloudflare's Workflows write them.")
    record CloudflareRetries(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Retries after the first attempt",
                    minimum = "0", maximum = "20") Integer limit,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Wait before the first retry, from 0 to an "
                    + "hour", example = "\"10 seconds\"") JsonNode delay,
            @Schema(description = "How the wait grows: delay, delay * n or delay * 2^(n-1) before retry n (default "
                    + "exponential; the longest wait is a day)", allowableValues = {"constant", "linear",
                            "exponential"}) String backoff) {
    }

    @Schema(name = "ExecuteRequest", description = "Seed 000's start request; the whole body is optional.")
    record ExecuteRequest(
            @Schema(description = "The workflow's inputs by name, checked against its input_schema",
                    example = "{\"text\": \"Hello, world!\"}") Map<String, JsonNode> input,
            @Schema(description = "Receives the execution's status changes (http or https; private addresses are "
                    + "refused unless DATAFLOW_ALLOW_PRIVATE_NETWORKS=true)", format = "uri") String webhook_url) {
    }

    @Schema(name = "ExecutionRequest", description = "Seed 001's start request; the whole body is optional.")
    record ExecutionRequest(
            @Schema(description = "The workflow's inputs by name, checked against its input_schema",
                    example = "{\"text\": \"Hello, world!\"}") Map<String, JsonNode> inputs,
            Monitoring monitoring) {
    }

    @Schema(name = "Monitoring")
    record Monitoring(
            @Schema(description = "Receives the execution's status changes (http or https; private addresses are "
                    + "refused unless DATAFLOW_ALLOW_PRIVATE_NETWORKS=true)", format = "uri") String webhook) {
    }

    @Schema(name = "Workflow", description = "The workflow document as it was sent (every field of either shape), "
            + "with these fields added.", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record WorkflowView(
            String workflow_id,
            @Schema(description = "The current version; a change that alters the document makes a new one")
            int version,
            Instant created_at,
            Instant updated_at,
            @Schema(description = "JSON Schema (2020-12) of the inputs object an execution takes")
            JsonNode input_schema) {
    }

    @Schema(name = "Problem", description = "An RFC 9457 problem document (application/problem+json).")
    record Problem(
            @Schema(description = "Absent or about:blank") String type,
            @Schema(example = "Bad Request") String title,
            @Schema(example = "400") int status,
            @Schema(description = "What went wrong; with several problems, how many") String detail,
            @Schema(description = "The request path") String instance,
            @Schema(description = "Each problem of a 400 (and the reason of some 409s)") List<ProblemItem> errors) {
    }

    @Schema(name = "ProblemItem")
    record ProblemItem(
            @Schema(description = "Where in the request body, as a JSON pointer in URI fragment form",
                    example = "#/steps/1/type") String pointer,
            @Schema(description = "The query parameter concerned, instead of pointer", example = "limit")
            String parameter,
            @Schema(description = "The request header concerned, instead of pointer", example = "Content-Type")
            String header,
            @Schema(example = "unknown task type 'Nope'") String detail) {
    }

    // Examples: seed 000's workflow as given; seed 001's shape with text task types, which run without a
    // credential (the seed's openai.audio.tts needs one); responses as the server answered them.

    static final String SEED_000_WORKFLOW = """
            {
              "name": "Dummy Workflow",
              "steps": [
                { "type": "StaticTextInput", "input": "Hello, world!" },
                { "type": "TextOperation.Reverse" },
                { "type": "Echo" }
              ]
            }""";

    static final String SEED_001_WORKFLOW = """
            {
              "title": "Hello World Workflow",
              "description": "Trims a text, then reverses it",
              "inputs": [
                { "name": "text", "type": "text", "description": "Text to reverse" }
              ],
              "tasks": [
                { "name": "trim", "type": "TextOperation.Trim", "inputs": { "text": "{{inputs.text}}" } },
                { "name": "reverse", "type": "TextOperation.Reverse",
                  "inputs": { "text": "{{tasks.trim.outputs.text}}" } }
              ],
              "outputs": [
                { "name": "reversed", "type": "text", "value": "{{tasks.reverse.outputs.text}}" }
              ]
            }""";

    static final String SEED_000_EXECUTE = """
            {
              "input": { "text": "Hello, world!" },
              "webhook_url": "https://example.com/webhook"
            }""";

    static final String SEED_001_EXECUTE = """
            {
              "inputs": { "text": "Hello, world!" },
              "monitoring": { "webhook": "https://example.com/webhook" }
            }""";

    static final String CREATED = """
            { "workflow_id": "wf-01m81d8k20vf10e7da8h0wc62n", "version": 1 }""";

    static final String STARTED = """
            {
              "execution_id": "ex-01m81d8n7z92v88vfmmng75w6g",
              "workflow_execution_id": "ex-01m81d8n7z92v88vfmmng75w6g",
              "workflow_id": "wf-01m81d8k20vf10e7da8h0wc62n",
              "workflow_version": 1,
              "status": "PENDING"
            }""";

    static final String INVALID_WORKFLOW = """
            {
              "title": "Bad Request",
              "status": 400,
              "detail": "the request has 2 problems",
              "instance": "/workflows",
              "errors": [
                { "pointer": "#/steps/1/name", "detail": "task name must start with a letter or '_' and contain only \
            letters, digits and '_' (at most 100), got '2nd'" },
                { "pointer": "#/steps/2/type",
                  "detail": "unknown task type 'Nope'; available types: Echo, StaticTextInput, TextOperation.Concat, ..." }
              ]
            }""";

    static final String INVALID_INPUTS = """
            {
              "title": "Bad Request",
              "status": 400,
              "detail": "the request has 2 problems",
              "instance": "/workflows/wf-01m81d8wp70brf50en089ctgsx/executions",
              "errors": [
                { "pointer": "#/inputs/colour", "detail": "is not a declared input; declared inputs: text, suffix" },
                { "pointer": "#/inputs/suffix", "detail": "must be text, got integer" }
              ]
            }""";
}
