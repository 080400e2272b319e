package io.dataflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@code DATAFLOW_EXECUTION_RETENTION}: finished executions go once it has passed, whichever API started them;
 * unfinished ones stay however old they are.
 */
class ExecutionRetentionTests {

    @Test
    void aFinishedExecutionIsPurgedOnceTheRetentionHasPassedAndAnUnfinishedOneStays() throws InterruptedException {
        try (TestServer server = TestServer.start(TestDatabase.H2, Map.of("DATAFLOW_EXECUTION_RETENTION", "PT1S"))) {
            Api api = server.api();
            String quick = api.createWorkflow("""
                    {"name": "retention %s", "steps": [{"type": "StaticTextInput", "input": "abc"}]}"""
                    .formatted(UUID.randomUUID()));
            String slow = api.createWorkflow("""
                    {"title": "retention sleeper %s",
                     "tasks": [{"name": "nap", "type": "sleep", "inputs": {"duration": "1 hour"}}]}"""
                    .formatted(UUID.randomUUID()));
            String done = api.startExecution(quick, "{}");
            String sleeping = api.startExecution(slow, "{}");
            api.awaitFinished(quick, done);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            int status = 200;
            while (status == 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                status = api.get("/workflows/" + quick + "/executions/" + done).status();
            }
            assertThat(status).as("the finished execution is purged").isEqualTo(404);
            assertThat(api.get("/workflows/" + slow + "/executions/" + sleeping).status())
                    .as("the sleeping one stays").isEqualTo(200);
        }
    }

    @Test
    void anInstancesOwnRetentionAndItsWorkflowsDefaultOverTheServersOne() throws InterruptedException {
        try (TestServer server = TestServer.start(TestDatabase.H2, Map.of("DATAFLOW_EXECUTION_RETENTION", "PT20S"))) {
            Api api = server.api();
            String quick = api.createWorkflow("""
                    {"name": "own retention %s", "steps": [{"type": "StaticTextInput", "input": "abc"}]}"""
                    .formatted(UUID.randomUUID()));
            String account = server.engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
            String base = "/accounts/" + account + "/workflows/kept";
            // The workflow keeps its completed instances for a second; one instance asks for fifteen.
            assertThat(api.put(base, "{\"class_name\": \"Kept\", \"script_name\": \"" + quick + "\","
                    + " \"default_retention\": {\"success_retention\": 1000}}").status()).isEqualTo(200);
            assertThat(api.post(base + "/instances", "{\"instance_id\": \"brief\"}").status()).isEqualTo(200);
            assertThat(api.post(base + "/instances", "{\"instance_id\": \"long\", \"instance_retention\":"
                    + " {\"success_retention\": \"15 seconds\"}}").status()).isEqualTo(200);
            String plain = api.startExecution(quick, "{}");
            api.awaitFinished(quick, plain);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            int status = 200;
            while (status == 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                status = api.get(base + "/instances/brief").status();
            }
            assertThat(status).as("the instance is purged after its workflow's default").isEqualTo(404);
            assertThat(api.get(base + "/instances/long").body().get("result").get("status").asString())
                    .as("the instance that asked for longer stays").isEqualTo("complete");
            assertThat(api.get("/workflows/" + quick + "/executions/" + plain).status())
                    .as("an execution started elsewhere keeps the server's retention").isEqualTo(200);
        }
    }

    @Test
    void theSettingIsAnIsoDurationOrZero() {
        assertThat(ExecutionRetention.from(new MockEnvironment())).isEqualTo(Duration.ofDays(30));
        assertThat(ExecutionRetention.from(env("P7D"))).isEqualTo(Duration.ofDays(7));
        assertThat(ExecutionRetention.from(env("0"))).isZero();
        assertThatThrownBy(() -> ExecutionRetention.from(env("30 days")))
                .hasMessageContaining("DATAFLOW_EXECUTION_RETENTION").hasMessageContaining("P30D");
        assertThatThrownBy(() -> ExecutionRetention.from(env("-P1D"))).hasMessageContaining("negative");
    }

    private static MockEnvironment env(String value) {
        return new MockEnvironment().withProperty("DATAFLOW_EXECUTION_RETENTION", value);
    }
}
