package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.tasks.TaskRuns;
import io.dataflow.engine.testing.FakeOpenAi;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs AI task types the way a worker would, against a {@link FakeOpenAi}: credential {@code openai} (the default
 * name) points at the fake with key {@value #API_KEY}, credential {@code local} at the fake with no key, and
 * credential {@code elsewhere} at a closed port.
 */
final class AiTaskRuns {

    static final String ORGANIZATION = "org-1";
    static final String API_KEY = "sk-test-secret-123";

    /** Short, so that the timeout test does not wait long; every canned answer comes at once. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    final InMemoryFiles files = new InMemoryFiles();
    private final TaskContext context;

    AiTaskRuns(FakeOpenAi fake) {
        Map<String, ObjectNode> credentials = Map.of(
                "openai", Json.object().put("api_key", API_KEY).put("base_url", fake.baseUrl())
                        .put("organization", "org-acme"),
                "local", Json.object().put("base_url", fake.baseUrl() + "/"),
                "elsewhere", Json.object().put("api_key", "elsewhere-key").put("base_url", "http://127.0.0.1:9/v1"));
        TaskServices services = new TaskServices(new JdkOutboundHttp(CALL_TIMEOUT),
                (organizationId, name) -> Optional.ofNullable(credentials.get(name)).map(ObjectNode::deepCopy),
                files, TaskServices.NONE.sockets());
        context = new TaskContext(ORGANIZATION, "ex-1", "speak", 1, Json.MAPPER, services);
    }

    ObjectNode run(TaskType type, ObjectNode input) throws Exception {
        return type.execute(context, input);
    }

    /** Runs the type and returns the failure it must report. */
    TaskFailure failure(TaskType type, ObjectNode input) {
        return TaskRuns.failure(type, context, input);
    }
}
