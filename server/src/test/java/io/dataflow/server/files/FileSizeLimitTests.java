package io.dataflow.server.files;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DATAFLOW_MAX_FILE_BYTES}: a file over it is refused with 413 naming the limit, whether the body says its
 * length or not, raw or multipart, while a file of exactly the limit is stored; JSON bodies keep their own 1 MiB
 * limit. One server of its own with a 1000-byte limit, on H2: the limit is checked before any database work.
 */
class FileSizeLimitTests {

    private static final String DETAIL = "the file is larger than the limit of 1000 bytes";

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(TestDatabase.H2, Map.of("DATAFLOW_MAX_FILE_BYTES", "1000"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aRawFileOverTheLimitIs413NamingIt() {
        Api api = server.api();

        Api.Response response = api.send(api.request("/files").POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[1001])));

        assertThat(assertProblem(response, 413).get("detail").asString()).isEqualTo(DETAIL);
    }

    @Test
    void aLongBodyIsRefusedBeforeItIsRead() {
        Api api = server.api();

        Api.Response response = api.send(api.request("/files").POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[200_000])));

        assertThat(assertProblem(response, 413).get("detail").asString()).isEqualTo(DETAIL);
    }

    @Test
    void aMultipartFileOverTheLimitIs413NamingIt() {
        Api api = server.api();

        Api.Response response = api.send(FilesTests.multipart(api, "file", "big.bin", "application/octet-stream",
                new byte[1001]));

        assertThat(assertProblem(response, 413).get("detail").asString()).isEqualTo(DETAIL);
    }

    @Test
    void aFileOfExactlyTheLimitIsStored() {
        Api api = server.api();

        Api.Response raw = api.send(api.request("/files").POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[1000])));
        Api.Response form = api.send(FilesTests.multipart(api, "file", "max.bin", "application/octet-stream",
                new byte[1000]));

        assertThat(raw.status()).as(raw.text()).isEqualTo(201);
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(form.body().get("size").asLong()).isEqualTo(1000);
    }
}
