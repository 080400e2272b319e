package io.dataflow.engine.testing;

import io.dataflow.engine.store.WorkflowStore;
import io.dataflow.engine.Engine;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.run.EngineConfig;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.ExecutionStore.ExecutionDetail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A started {@link Engine} on a test database, with the built-in task types and the test ones, a fresh organization,
 * a short lease and poll interval, and ways to run workflows and wait for them. Waiting polls with a deadline;
 * nothing sleeps for a fixed time.
 */
public final class EngineHarness implements AutoCloseable {

    public static final int WORKERS = 8;
    public static final Duration LEASE = Duration.ofSeconds(1);
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** How long a wait may take before the test fails; far above what any test needs. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    /** The starter {@link #start(String, String)} starts executions as: an admin key. */
    public static final StartedBy ADMIN = StartedBy.key("key-test-admin", true);

    private final Engine engine;
    private final Invocations invocations;
    private final Gate gate;
    private final Spin spin;
    private final String organizationId;
    private boolean closed;

    private EngineHarness(Database database, OutboundHttp http, CredentialVault credentials) {
        this.invocations = new Invocations();
        this.gate = new Gate(invocations);
        this.spin = new Spin(invocations);
        this.engine = new Engine(database, TestTaskTypes.registry(invocations, gate, spin), new EngineConfig("test-" + shortId(), WORKERS,
                LEASE, POLL_INTERVAL, Clock.systemUTC()), new TaskServices(http, credentials, FileStore.NONE,
                TaskServices.NONE.sockets()));
        engine.start();
        this.organizationId = engine.organizations().createOrganization("test-" + shortId()).key().organizationId();
    }

    /** Migrates the database and starts an engine on it, without outbound HTTP, with {@link ReadsCredential}'s vault. */
    public static EngineHarness start(Database database) {
        return new EngineHarness(database, TaskServices.NONE.http(), ReadsCredential.VAULT);
    }

    /** Migrates the database and starts an engine on it whose tasks use this HTTP and these credentials. */
    public static EngineHarness start(Database database, OutboundHttp http, CredentialVault credentials) {
        return new EngineHarness(database, http, credentials);
    }

    public Engine engine() {
        return engine;
    }

    public String organizationId() {
        return organizationId;
    }

    /** How often each task was called, for telling how many times it really ran. */
    public Invocations invocations() {
        return invocations;
    }

    /** The gates {@code Test.Gate} tasks wait on. */
    public Gate gate() {
        return gate;
    }

    /** The {@code Test.Spin} type, which tests release once done. */
    public Spin spin() {
        return spin;
    }

    /** Creates a workflow with a unique name; returns its id. */
    public String createWorkflow(TestDefinition definition) {
        return engine.workflows().create(WorkflowStore.NewWorkflow.draft(organizationId, "wf-" + shortId(), null,
                definition.build(), Json.object(), null)).id();
    }

    /**
     * Starts an execution of the workflow's current version, as an admin key; inputs are JSON with single quotes.
     */
    public Execution start(String workflowId, String inputsJson) {
        JsonNode inputs = Json.parse(inputsJson.replace('\'', '"'));
        return start(workflowId, new ExecutionService.StartRequest(inputs, null, "api.dataflow", ADMIN));
    }

    /** Starts an execution of the workflow's current version. */
    public Execution start(String workflowId, ExecutionService.StartRequest request) {
        return engine.executions().start(organizationId, workflowId, request).orElseThrow();
    }

    public ExecutionDetail find(Execution execution) {
        return engine.executions().find(organizationId, execution.workflowId(), execution.id()).orElseThrow();
    }

    /** Waits until the execution completed, failed or was terminated, and returns it with its tasks. */
    public ExecutionDetail awaitTerminal(Execution execution) {
        return await("execution " + execution.id() + " to finish", () -> find(execution),
                detail -> detail.execution().status().isTerminal());
    }

    /**
     * Polls {@code probe} until its value satisfies {@code done}, and returns that value.
     *
     * @throws AssertionError with the last value seen when {@link #DEADLINE} passes first
     */
    public static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Stops the engine; running attempts are given time to finish and record their outcome first. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            spin.release();
            engine.close();
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
