package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.NamedExecution;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.StepSettings;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.server.api.dataflow.StepConfigReader;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

/**
 * Seed 003's instance objects, in the shapes of Cloudflare's SDK ({@code resources/workflows/instances*.d.ts}):
 * an instance is a named execution ({@link NamedExecution}), its id the execution's name, its {@code workflow_id}
 * the binding's id and its {@code version_id} the binding version it started on.
 */
final class InstanceViews {

    /** Every instance started here shows this trigger source. */
    static final String TRIGGER_SOURCE = "api";

    private InstanceViews() {
    }

    /** The answer to creating an instance, one by one or in a batch. */
    @Schema(name = "AccountsInstanceCreated")
    record Created(String id, String status, @JsonProperty("version_id") String versionId,
            @JsonProperty("workflow_id") String workflowId) {
        static Created of(NamedExecution named) {
            return new Created(named.name(), InstanceStatusWords.word(named.execution().status()),
                    named.bindingVersionId(), named.bindingId());
        }
    }

    /** One instance in a list. */
    @Schema(name = "AccountsInstanceSummary")
    record Summary(String id, String status, @JsonProperty("version_id") String versionId,
            @JsonProperty("workflow_id") String workflowId, @JsonProperty("created_on") Instant createdOn,
            @JsonProperty("modified_on") Instant modifiedOn, @JsonProperty("started_on") Instant startedOn,
            @JsonProperty("ended_on") Instant endedOn, @JsonProperty("trigger_source") String triggerSource) {
        static Summary of(NamedExecution named) {
            Execution e = named.execution();
            return new Summary(named.name(), InstanceStatusWords.word(e.status()), named.bindingVersionId(),
                    named.bindingId(), e.createdAt(), latest(e), e.startedAt(), e.completedAt(), TRIGGER_SOURCE);
        }

        private static Instant latest(Execution e) {
            return e.completedAt() != null ? e.completedAt() : e.startedAt() != null ? e.startedAt() : e.createdAt();
        }
    }

    /** An error as Cloudflare shows one. */
    record Failure(String name, String message) {
        static Failure of(String message) {
            return message == null ? null : new Failure("Error", message);
        }

        /** From the engine's error object ({@code {message, task}}), or null. */
        static Failure of(JsonNode error) {
            JsonNode parsed = parsed(error);
            if (parsed == null || parsed.isNull()) {
                return null;
            }
            String message = parsed.isObject() ? parsed.path("message").asString(parsed.toString()) : parsed.toString();
            return new Failure("Error", message);
        }
    }

    /** How the instance was started. */
    record Trigger(String source) {
    }

    /** An instance with its steps. */
    @Schema(name = "AccountsInstance", description = "status is queued, running, waiting, waitingForPause, paused,"
            + " complete, errored or terminated; steps are entries of type step, sleep, waitForEvent and termination")
    record Detail(String status, JsonNode params, JsonNode output, Failure error, Instant queued, Instant start,
            Instant end, Boolean success, Trigger trigger, String versionId,
            @JsonProperty("step_count") int stepCount, List<Object> steps) {

        static Detail of(NamedExecution named, Execution e, Iterable<TaskRun> runs, Map<String, StepSettings> settings,
                boolean descending, boolean simple) {
            List<Object> steps = new ArrayList<>();
            for (TaskRun run : runs) {
                if (run.startedAt() != null) {
                    steps.add(step(run, settings.get(run.name())));
                }
            }
            if (e.status() == ExecutionStatus.TERMINATED) {
                steps.add(new Termination(new Trigger(TRIGGER_SOURCE), "termination"));
            }
            if (descending) {
                java.util.Collections.reverse(steps);
            }
            return new Detail(InstanceStatusWords.word(e.status()), e.inputs(), e.outputs(), Failure.of(e.error()),
                    e.createdAt(), e.startedAt(), e.completedAt(), success(e.status()), new Trigger(TRIGGER_SOURCE),
                    named.bindingVersionId(), steps.size(), simple ? List.of() : steps);
        }

        private static Boolean success(ExecutionStatus status) {
            return switch (status) {
                case COMPLETED -> true;
                case FAILED, TERMINATED -> false;
                default -> null;
            };
        }

        /** The kind of step a task of this type is, in Cloudflare's words for naming one: do, sleep, waitForEvent. */
        static String kind(String taskType) {
            return switch (taskType) {
                case "sleep" -> "sleep";
                case "wait_for_event" -> "waitForEvent";
                default -> "do";
            };
        }

        private static Object step(TaskRun run, StepSettings settings) {
            boolean finished = run.status().ordinal() >= TaskStatus.COMPLETED.ordinal();
            return switch (run.type()) {
                case "sleep" -> {
                    JsonNode output = parsed(run.output());
                    Instant end = run.completedAt();
                    if (end == null && output != null && output.path("until").isString()) {
                        end = Instant.parse(output.path("until").asString());
                    }
                    yield new Sleep(run.name(), run.startedAt(), end, finished, Failure.of(run.error()), "sleep");
                }
                case "wait_for_event" -> {
                    JsonNode input = parsed(run.input());
                    JsonNode output = parsed(run.output());
                    String eventType = input == null ? null : input.path("event_type").asString(null);
                    yield new WaitForEvent(run.name(), run.startedAt(), run.completedAt(), finished,
                            Failure.of(run.error()), "waitForEvent", eventType,
                            output == null || !output.has("payload") ? null : output.get("payload"));
                }
                default -> new Step(run.name(), run.startedAt(), run.completedAt(), success(run.status()),
                        run.output(), attempts(run), Config.of(settings), "step");
            };
        }

        private static Boolean success(TaskStatus status) {
            return switch (status) {
                case COMPLETED -> true;
                case FAILED, CANCELLED -> false;
                default -> null;
            };
        }

        private static List<Attempt> attempts(TaskRun run) {
            List<Attempt> attempts = new ArrayList<>();
            for (TaskAttempt a : run.attempts()) {
                boolean ok = a.status() == io.dataflow.engine.model.AttemptStatus.COMPLETED;
                attempts.add(new Attempt(a.startedAt(), a.finishedAt(), ok, ok ? null : Failure.of(a.error() == null
                        ? a.status().name().toLowerCase(java.util.Locale.ROOT) : a.error())));
            }
            if (run.status() == TaskStatus.RUNNING && attempts.size() < run.attempt()) {
                attempts.add(new Attempt(run.startedAt(), null, null, null));
            }
            return attempts;
        }
    }

    /** A {@code step.do}: one of the workflow's tasks other than a sleep or a wait. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Step(String name, Instant start, Instant end, Boolean success, JsonNode output, List<Attempt> attempts,
            Config config, String type) {
    }

    /** One attempt of a step; the one running has no end and no success yet. */
    record Attempt(Instant start, Instant end, Boolean success, Failure error) {
    }

    /**
     * A step's configuration in Cloudflare's words ({@code WorkflowStepConfig}), as it runs in its instance: its
     * own, else its workflow's settings, else the defaults of instances (Cloudflare's). Durations in milliseconds.
     */
    record Config(Retries retries, long timeout) {
        static Config of(StepSettings settings) {
            if (settings == null) {
                return null;
            }
            RetryPolicy retry = settings.retry();
            return new Config(new Retries(retry.maxAttempts() - 1, retry.initialDelay().toMillis(),
                    StepConfigReader.backoffWord(retry)), settings.timeout().toMillis());
        }
    }

    /**
     * How often and how soon a step is tried again; {@code limit} counts the retries after the first attempt,
     * {@code delay} is the wait before the first retry. {@code backoff} is left out for a multiplier Cloudflare has
     * no word for ({@link StepConfigReader#backoffWord}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Retries(int limit, long delay, String backoff) {
    }

    /** A {@code sleep} task; {@code end} is when it wakes, or woke. */
    record Sleep(String name, Instant start, Instant end, boolean finished, Failure error, String type) {
    }

    /** A {@code wait_for_event} task; {@code output} is the payload of the event it took. */
    record WaitForEvent(String name, Instant start, Instant end, boolean finished, Failure error, String type,
            @JsonProperty("event_type") String eventType, JsonNode output) {
    }

    /** The last entry of a terminated instance. */
    record Termination(Trigger trigger, String type) {
    }

    /** The answer to sending an event. */
    @Schema(name = "AccountsEventSent")
    record EventSent(String instanceId, Instant timestamp) {
    }

    /** The answer to a status change: the status it led to, and when. */
    @Schema(name = "AccountsStatusChanged")
    record StatusChanged(String status, Instant timestamp) {
    }

    /** A stored JSON value (written as stored, unparsed) as a tree to read from; null stays null. */
    static JsonNode parsed(JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            return Json.parse(String.valueOf(raw.rawValue()));
        }
        return node;
    }
}
