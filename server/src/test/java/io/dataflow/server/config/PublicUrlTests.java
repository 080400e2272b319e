package io.dataflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** DATAFLOW_PUBLIC_URL: an absolute http(s) URL without query or fragment, or localhost with the server's port. */
class PublicUrlTests {

    @Test
    void anHttpOrHttpsUrlIsTakenWithoutItsTrailingSlash() {
        assertThat(PublicUrl.parse("https://flows.example.com")).isEqualTo("https://flows.example.com");
        assertThat(PublicUrl.parse("HTTPS://flows.example.com:8443/dataflow/")).isEqualTo(
                "https://flows.example.com:8443/dataflow");
        assertThat(PublicUrl.parse("http://[::1]:9090/")).isEqualTo("http://[::1]:9090");
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> PublicUrl.parse("flows.example.com")).hasMessage("DATAFLOW_PUBLIC_URL"
                + " 'flows.example.com' must be an absolute http or https URL, such as https://flows.example.com");
        assertThatThrownBy(() -> PublicUrl.parse("ftp://flows.example.com")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> PublicUrl.parse("https://flows.example.com/?a=1"))
                .hasMessageContaining("must not have a query or a fragment");
        assertThatThrownBy(() -> PublicUrl.parse("https://flows.example.com/#top"))
                .hasMessageContaining("must not have a query or a fragment");
        assertThatThrownBy(() -> PublicUrl.parse("https://me:pw@flows.example.com"))
                .hasMessageContaining("must not have a user name or password");
        assertThatThrownBy(() -> PublicUrl.parse("https://flows.example.com:port")).hasMessageContaining("no host");
        assertThatThrownBy(() -> PublicUrl.parse("https://flows example.com")).hasMessageContaining("is not a URL");
    }

    @Test
    void theDefaultIsLocalhostWithThePortOnceItIsKnown() {
        assertThat(PublicUrl.from(new MockEnvironment().withProperty("server.port", "9090")).value())
                .isEqualTo("http://localhost:9090");
        assertThat(PublicUrl.from(new MockEnvironment()).value()).isEqualTo("http://localhost:8080");
        PublicUrl anyPort = PublicUrl.from(new MockEnvironment().withProperty("server.port", "0"));
        anyPort.listening(41234);
        assertThat(anyPort.value()).isEqualTo("http://localhost:41234");
        PublicUrl set = PublicUrl.from(new MockEnvironment().withProperty("server.port", "0")
                .withProperty("DATAFLOW_PUBLIC_URL", " https://flows.example.com/ "));
        set.listening(41234);
        assertThat(set.value()).isEqualTo("https://flows.example.com");
    }

    @Test
    void aMalformedUrlStopsTheServerFromStarting() {
        assertThatThrownBy(() -> TestServer.start(TestDatabase.H2, Map.of("DATAFLOW_PUBLIC_URL",
                "https://flows.example.com?x=1")).close())
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATAFLOW_PUBLIC_URL 'https://flows.example.com?x=1' must not have a query");
    }
}
