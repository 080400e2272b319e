package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The database file store on each database: what is saved reads back byte for byte by reference or by id, a file
 * over the limit is refused naming the limit, another organization's file does not exist, and deleting a finished
 * execution deletes its files with the rest of its data, leaving uploads and other executions alone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DatabaseFileStoreTests {

    private static final long LIMIT = 1024;
    private static final String WEBHOOK = "https://hooks.example.com/files";

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;
    private DatabaseFileStore files;
    private ExecutionStore executions;
    private TaskTransitions transitions;
    private String organizationId;
    private String otherOrganizationId;
    private String workflowId;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "files");
        files = new DatabaseFileStore(stores.database, clock, LIMIT);
        executions = stores.executions;
        transitions = stores.transitions;
        organizationId = stores.organizationId;
        workflowId = stores.workflow(new TestDefinition().task("only", "Echo", "{'text': 'x'}"));
        otherOrganizationId = stores.organizations.createOrganization("others").key().organizationId();
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    @Test
    void aSavedFileReadsBackByReferenceAndById() throws TaskFailure {
        byte[] content = new byte[256];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i; // every byte value, so nothing is read back as text
        }
        String executionId = startExecution();

        ObjectNode reference = files.save(organizationId, executionId, "bytes.bin", "application/x-test", content);

        String id = reference.get("file_id").asString();
        assertThat(id).startsWith("file-");
        assertThat(reference.get("name").asString()).isEqualTo("bytes.bin");
        assertThat(reference.get("content_type").asString()).isEqualTo("application/x-test");
        assertThat(reference.get("size").asLong()).isEqualTo(256);
        assertThat(reference.get("url").asString()).isEqualTo("/files/" + id);
        assertThat(files.read(organizationId, reference).content()).isEqualTo(content);
        assertThat(files.read(organizationId, StringNode.valueOf(id)).content()).isEqualTo(content);
        assertThat(files.find(organizationId, StringNode.valueOf(id))).contains(reference);
        StoredFileInfo info = files.info(organizationId, id).orElseThrow();
        assertThat(info.executionId()).isEqualTo(executionId);
        assertThat(info.sha256()).isEqualTo("40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
        assertThat(info.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void aFileOverTheLimitIsAPermanentFailureNamingTheLimit() {
        byte[] tooLarge = new byte[(int) LIMIT + 1];

        assertThatThrownBy(() -> files.save(organizationId, startExecution(), "big.bin", "application/octet-stream",
                tooLarge))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> assertThat(failure.retryable()).isFalse())
                .hasMessage("file 'big.bin' is larger than the limit of 1024 bytes (1025 bytes)");
        assertThatThrownBy(() -> files.upload(organizationId, "big.bin", "application/octet-stream", tooLarge))
                .isInstanceOfSatisfying(FileTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(LIMIT));
        assertThat(files.upload(organizationId, "exact.bin", null, new byte[(int) LIMIT]).size()).isEqualTo(LIMIT);
    }

    @Test
    void anotherOrganizationsFileDoesNotExist() {
        StoredFileInfo upload = files.upload(organizationId, "mine.txt", "text/plain",
                "mine".getBytes(StandardCharsets.UTF_8));

        assertThat(files.info(otherOrganizationId, upload.id())).isEmpty();
        assertThat(files.content(otherOrganizationId, upload.id())).isEmpty();
        assertThat(files.find(otherOrganizationId, upload.reference())).isEmpty();
        assertThatThrownBy(() -> files.read(otherOrganizationId, upload.reference()))
                .isInstanceOf(TaskFailure.class)
                .hasMessage("there is no file '" + upload.id() + "' in this organization");
        assertThat(files.content(organizationId, upload.id())).map(FileStore.StoredFile::content)
                .contains("mine".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValueThatNamesNoFileIsRefused() {
        assertThatThrownBy(() -> files.read(organizationId, Json.parse("{\"name\": \"x\"}")))
                .isInstanceOf(TaskFailure.class)
                .hasMessage("a file must be given as a file reference object or a file id, got object");
        assertThat(files.find(organizationId, Json.parse("42"))).isEmpty();
    }

    @Test
    void deletingAFinishedExecutionDeletesItsFilesTasksAndWebhooksAndNothingElse() throws Exception {
        String executionId = startExecution();
        String otherExecutionId = startExecution();
        ObjectNode produced = files.save(organizationId, executionId, "a.txt", "text/plain", new byte[] {1});
        ObjectNode kept = files.save(organizationId, otherExecutionId, "b.txt", "text/plain", new byte[] {2});
        StoredFileInfo upload = files.upload(organizationId, "c.txt", "text/plain", new byte[] {3});

        assertThat(executions.delete(organizationId, workflowId, executionId)).as("still queued")
                .isEqualTo(ExecutionStore.Deletion.NOT_FINISHED);
        assertThat(files.find(organizationId, produced)).as("kept while it runs").isPresent();
        assertThat(transitions.cancel(ExecutionRef.of(executions.find(organizationId, workflowId, executionId,
                stores::steps).orElseThrow().execution()))).isTrue();
        assertThat(executions.delete(otherOrganizationId, workflowId, executionId)).as("another organization's")
                .isEqualTo(ExecutionStore.Deletion.NOT_FOUND);
        assertThat(rowsOf(executionId)).as("before").allSatisfy(count -> assertThat(count).isPositive());

        assertThat(executions.delete(organizationId, workflowId, executionId))
                .isEqualTo(ExecutionStore.Deletion.DELETED);

        assertThat(rowsOf(executionId)).as("after").containsOnly(0L);
        assertThat(executions.find(organizationId, workflowId, executionId, stores::steps)).isEmpty();
        assertThat(files.find(organizationId, produced)).isEmpty();
        assertThat(files.find(organizationId, kept)).isPresent();
        assertThat(files.info(organizationId, upload.id())).isPresent();
        assertThat(rowsOf(otherExecutionId)).as("the other execution").allSatisfy(count ->
                assertThat(count).isPositive());
        assertThat(executions.delete(organizationId, workflowId, executionId)).as("again")
                .isEqualTo(ExecutionStore.Deletion.NOT_FOUND);
    }

    /** How many rows of each table the execution has: itself, task runs, webhook deliveries, files. */
    private List<Long> rowsOf(String executionId) {
        return stores.database.read(sql -> List.of(
                count(sql, "SELECT COUNT(*) AS n FROM executions WHERE id = ?", executionId),
                count(sql, "SELECT COUNT(*) AS n FROM task_runs WHERE execution_id = ?", executionId),
                count(sql, "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE execution_id = ?", executionId),
                count(sql, "SELECT COUNT(*) AS n FROM files WHERE execution_id = ?", executionId)));
    }

    private static long count(Sql sql, String query, String executionId) throws java.sql.SQLException {
        return sql.one(query, r -> r.longValue("n"), executionId).orElseThrow();
    }

    private String startExecution() {
        return stores.startOf(workflowId, WEBHOOK).id();
    }
}
