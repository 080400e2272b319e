package io.dataflow.server.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.ExecutionStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every engine status has one Cloudflare word, and each word reads back to its status. */
class InstanceStatusWordsTests {

    @Test
    void eachStatusHasItsOwnWordAndReadsBack() {
        assertThat(Arrays.stream(ExecutionStatus.values()).map(InstanceStatusWords::word))
                .containsExactly("queued", "running", "waiting", "waitingForPause", "paused", "complete", "errored",
                        "terminated");
        for (ExecutionStatus status : ExecutionStatus.values()) {
            assertThat(InstanceStatusWords.status(InstanceStatusWords.word(status))).contains(status);
        }
        assertThat(InstanceStatusWords.status("Running")).isEmpty();
        assertThat(InstanceStatusWords.status("completed")).isEmpty();
    }
}
