package io.dataflow.server.files;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.detailAt;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /files} on each database: uploads as a raw body and as a multipart form, downloads byte for byte, files
 * kept per organization, and files given to a workflow's {@code file} input, by id or by reference.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class FilesTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api api() {
        return server().api();
    }

    /** Every byte value, so that nothing survives a round trip by being read as text. */
    private static byte[] everyByte() {
        byte[] content = new byte[512];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        return content;
    }

    @Test
    void aRawUploadDownloadsByteForByte() throws Exception {
        byte[] content = everyByte();

        Api.Response created = api().send(api().request("/files?name=data.bin")
                .header("Content-Type", "application/x-test").POST(HttpRequest.BodyPublishers.ofByteArray(content)));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode reference = created.body();
        String id = reference.get("file_id").asString();
        assertThat(id).startsWith("file-");
        assertThat(reference.get("name").asString()).isEqualTo("data.bin");
        assertThat(reference.get("content_type").asString()).isEqualTo("application/x-test");
        assertThat(reference.get("size").asLong()).isEqualTo(content.length);
        assertThat(reference.get("url").asString()).isEqualTo("/files/" + id);
        assertThat(created.header("Location")).isEqualTo("/files/" + id);

        HttpResponse<byte[]> download = download(api(), id);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/x-test");
        assertThat(download.headers().firstValue("Content-Length")).contains(String.valueOf(content.length));
        assertThat(download.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"data.bin\"");
    }

    @Test
    void aRawUploadIsNamedByContentDispositionElseUpload() {
        Api.Response named = api().send(api().request("/files")
                .header("Content-Type", "text/plain")
                .header("Content-Disposition", "attachment; filename=\"notes.txt\"")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        Api.Response unnamed = api().send(api().request("/files")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertThat(named.status()).as(named.text()).isEqualTo(201);
        assertThat(named.body().get("name").asString()).isEqualTo("notes.txt");
        assertThat(named.body().get("content_type").asString()).isEqualTo("text/plain");
        assertThat(unnamed.status()).as(unnamed.text()).isEqualTo(201);
        assertThat(unnamed.body().get("name").asString()).isEqualTo("upload");
        assertThat(unnamed.body().get("content_type").asString()).isEqualTo("application/octet-stream");
    }

    @Test
    void aMultipartUploadDownloadsByteForByte() throws Exception {
        byte[] content = everyByte();

        Api.Response created = api().send(multipart(api(), "file", "report.pdf", "application/pdf", content));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("name").asString()).isEqualTo("report.pdf");
        assertThat(created.body().get("content_type").asString()).isEqualTo("application/pdf");
        assertThat(created.body().get("size").asLong()).isEqualTo(content.length);
        HttpResponse<byte[]> download = download(api(), created.body().get("file_id").asString());
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"report.pdf\"");
    }

    @Test
    void aMultipartFormWithoutAFilePartIs400() {
        Api.Response response = api().send(multipart(api(), "document", "a.txt", "text/plain", new byte[] {1}));

        assertThat(assertProblem(response, 400).get("detail").asString())
                .isEqualTo("the multipart form needs a part named 'file' holding the file");
    }

    @Test
    void anotherOrganizationsFileIsNotFound() throws Exception {
        String id = upload(api(), "secret.txt", "secret");
        Api other = server().newOrganization("files " + UUID.randomUUID());

        Api.Response response = other.get("/files/" + id);

        assertThat(assertProblem(response, 404).get("detail").asString()).isEqualTo("file " + id + " was not found");
        assertThat(download(api(), id).statusCode()).isEqualTo(200);
    }

    @Test
    void filesNeedAnApiKey() {
        String id = upload(api(), "a.txt", "a");
        Api anonymous = api().withKey(null);

        assertProblem(anonymous.get("/files/" + id), 401);
        assertProblem(anonymous.send(anonymous.request("/files").POST(HttpRequest.BodyPublishers.ofString("x"))),
                401);
    }

    @Test
    void aWorkflowsFileInputTakesAnUploadedFileByIdOrByReference() {
        String workflowId = api().createWorkflow(fileWorkflow());
        Api.Response uploaded = api().send(api().request("/files?name=in.txt").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("file input")));
        JsonNode reference = uploaded.body();
        String id = reference.get("file_id").asString();

        for (String given : new String[] {"\"" + id + "\"", Json.write(reference)}) {
            String executionId = api().startExecution(workflowId, "{\"inputs\": {\"doc\": " + given + "}}");
            JsonNode execution = api().awaitFinished(workflowId, executionId);

            assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
            assertThat(execution.get("inputs").get("doc")).as("the input, as a reference").isEqualTo(reference);
            assertThat(execution.get("outputs").get("doc")).as("the output").isEqualTo(reference);
        }
    }

    @Test
    void aFileInputNamingNoFileOfTheOrganizationIs400WithItsPointer() {
        String workflowId = api().createWorkflow(fileWorkflow());
        String othersFile = upload(server().newOrganization("others " + UUID.randomUUID()), "theirs.txt", "x");

        for (String id : new String[] {"file-01jzzzzzzzzzzzzzzzzzzzzzzz", othersFile}) {
            Api.Response response = api().post("/workflows/" + workflowId + "/executions",
                    "{\"inputs\": {\"doc\": \"" + id + "\"}}");

            assertProblem(response, 400);
            assertThat(pointers(response)).containsExactly("#/inputs/doc");
            assertThat(detailAt(response, "#/inputs/doc")).isEqualTo("must be a file of this organization (a file"
                    + " id or a file reference); there is no file '" + id + "'");
        }
    }

    @Test
    void theFileEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = api().get("/v3/api-docs").body().get("paths");

        JsonNode upload = paths.get("/files").get("post");
        assertThat(upload.get("operationId").asString()).isEqualTo("uploadFile");
        assertThat(upload.get("requestBody").get("content").propertyNames())
                .contains("application/octet-stream", "multipart/form-data");
        assertThat(paths.get("/files/{fileId}").get("get").get("operationId").asString()).isEqualTo("downloadFile");
    }

    private static String fileWorkflow() {
        return """
                {
                  "title": "Files %s",
                  "inputs": [ { "name": "doc", "type": "file", "description": "Any file" } ],
                  "tasks": [ { "name": "echo", "type": "Echo", "inputs": { "text": "{{inputs.doc}}" } } ],
                  "outputs": [ { "name": "doc", "type": "file", "value": "{{tasks.echo.outputs.text}}" } ]
                }""".formatted(UUID.randomUUID());
    }

    static String upload(Api client, String name, String text) {
        Api.Response response = client.send(client.request("/files?name=" + name).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("file_id").asString();
    }

    static HttpResponse<byte[]> download(Api client, String id) {
        return client.download("/files/" + id);
    }

    /** A multipart form with one part holding a file. */
    static HttpRequest.Builder multipart(Api client, String part, String filename, String contentType,
            byte[] content) {
        String boundary = "boundary" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
