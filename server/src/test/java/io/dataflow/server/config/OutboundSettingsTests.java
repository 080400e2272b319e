package io.dataflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** DATAFLOW_OUTBOUND_ALLOW is read at start, and a malformed entry stops the start naming it. */
class OutboundSettingsTests {

    @Test
    void entriesAreReadFromTheEnvironment() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("DATAFLOW_OUTBOUND_ALLOW", "db.internal:5432, 10.1.0.0/16, [fd00::/8]:443, 127.0.0.1:5433");
        assertThat(OutboundSettings.from(env).allowList().entries()).hasSize(4);
        assertThat(OutboundSettings.from(new MockEnvironment()).allowList().entries()).isEmpty();
    }

    @Test
    void aMalformedEntryStopsTheServerFromStartingNamingIt() {
        assertThatThrownBy(() -> TestServer.start(TestDatabase.H2,
                Map.of("DATAFLOW_OUTBOUND_ALLOW", "db.internal:5432, 10.1.0.0/33")).close())
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATAFLOW_OUTBOUND_ALLOW: the entry '10.1.0.0/33' is not a host name, IP"
                        + " address or CIDR range");
    }
}
