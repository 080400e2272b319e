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
