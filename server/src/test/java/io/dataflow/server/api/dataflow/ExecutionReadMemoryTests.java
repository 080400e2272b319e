package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.ServerProcess;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reading an execution never builds it whole: a server with a heap of 128 MiB answers {@code GET} of an execution
 * whose 64 tasks each output {@code [1..150000]} (60 MB of JSON, within the 1 MiB cap each), several times, and stays
 * up. Before, the answer was read and parsed whole first: twelve parallel reads of a 158 MB execution filled a 6 GiB
 * heap, and here that parse alone needs more than the heap.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionReadMemoryTests {

    private static final int TASKS = 64;
    private static final int NUMBERS = 150_000;

    @Parameter
    TestDatabase database;

    private TestDatabase.Fresh db;

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void aSmallHeapServesAnExecutionFarLargerThanItsHeapCanHoldParsed() throws Exception {
        db = database.fresh();
        Map<String, String> settings = new HashMap<>(TestServer.properties(db));
        settings.put("DATAFLOW_WORKERS", "2");
        settings.put("DATAFLOW_DB_POOL_SIZE", "6");
        try (ServerProcess server = ServerProcess.start(settings,
                List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"))) {
            Api api = server.api();
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add("{ \"name\": \"t%d\", \"type\": \"Test.Numbers\", \"inputs\": { \"count\": %d } }"
                        .formatted(i, NUMBERS));
            }
            String workflowId = api.createWorkflow("{ \"title\": \"big %s\", \"tasks\": [ %s ], \"outputs\": [] }"
                    .formatted(UUID.randomUUID(), String.join(", ", tasks)));
            String executionId = api.startExecution(workflowId, "{}");
            awaitCompletedInList(api, workflowId);

            for (int read = 0; read < 3; read++) {
                HttpResponse<byte[]> response = api.download("/workflows/" + workflowId + "/executions/"
                        + executionId);

                assertThat(response.statusCode()).as(server.log()).isEqualTo(200);
                assertThat(numbersIn(response.body())).isEqualTo((long) TASKS * NUMBERS);
            }
            assertThat(api.get("/workflows/" + workflowId).status()).isEqualTo(200);
        }
    }

    /** Counts the numbers in the tasks' outputs, going through the whole answer as tokens, without a tree. */
    private static long numbersIn(byte[] body) {
        assertThat(new String(body, 0, 200, StandardCharsets.UTF_8)).startsWith("{\"execution_id\"");
        long numbers = 0;
        int depth = 0;
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY && "numbers".equals(parser.currentName())) {
                    depth = 1;
                } else if (depth > 0 && token == JsonToken.VALUE_NUMBER_INT) {
                    numbers++;
                } else if (depth > 0 && token == JsonToken.END_ARRAY) {
                    depth = 0;
                }
            }
        }
        return numbers;
    }

    /** Waits through the list, which shows no outputs, so waiting does not read the execution whole. */
    private static void awaitCompletedInList(Api api, String workflowId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode page = api.get("/workflows/" + workflowId + "/executions").body();
            String status = page.get("executions").get(0).get("status").asString();
            if (!status.equals("PENDING") && !status.equals("RUNNING")) {
                assertThat(status).isEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the execution did not finish within 120 s");
    }
}
