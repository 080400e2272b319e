package io.dataflow.engine.spi;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.SocketFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a running task may know about where it runs, and what the platform lends it.
 *
 * @param organizationId the organization that owns the execution
 * @param executionId the execution
 * @param taskName the task's name in the workflow
 * @param attempt the attempt number, starting at 1
 * @param json the engine's JSON mapper, for building output
 * @param services outbound HTTP and sockets, credentials and files; {@link TaskServices#NONE} where a task may use
 *     none
 * @param clock the engine's clock: what "now" is for the task (a sleep's end is counted from it)
 * @param stopRequested whether the attempt was told to stop (its execution was terminated or restarted)
 */
public record TaskContext(String organizationId, String executionId, String taskName, int attempt, JsonMapper json,
        TaskServices services, Clock clock, BooleanSupplier stopRequested) {

    /** A context that is never told to stop. */
    public TaskContext(String organizationId, String executionId, String taskName, int attempt, JsonMapper json,
            TaskServices services, Clock clock) {
        this(organizationId, executionId, taskName, attempt, json, services, clock, () -> false);
    }

    /** A context on the system clock. */
    public TaskContext(String organizationId, String executionId, String taskName, int attempt, JsonMapper json,
            TaskServices services) {
        this(organizationId, executionId, taskName, attempt, json, services, Clock.systemUTC());
    }

    /** A context without services, for task types that compute their output from their input alone. */
    public TaskContext(String organizationId, String executionId, String taskName, int attempt, JsonMapper json) {
        this(organizationId, executionId, taskName, attempt, json, TaskServices.NONE);
    }

    /**
     * Whether the attempt was cancelled: its execution was terminated or restarted, and whatever it returns now is
     * dropped. The attempt's thread is interrupted too; a task that loops without blocking checks this to end early.
     */
    public boolean cancelled() {
        return stopRequested.getAsBoolean();
    }

    /** Outbound HTTP behind the platform's outbound guard. */
    public OutboundHttp http() {
        return services.http();
    }

    /**
     * Sockets behind the platform's outbound guard, for connections other than HTTP (a JDBC driver's): they connect
     * only where the guard allows, and refuse with a {@code RefusedConnectionException} elsewhere.
     */
    public SocketFactory sockets() {
        return services.sockets();
    }

    /**
     * The organization's credential of that name, decrypted; empty when it has none of that name.
     *
     * @throws TaskFailure (permanent) when this execution may not use it
     */
    public Optional<ObjectNode> credential(String name) throws TaskFailure {
        return services.credentials().find(organizationId, name);
    }

    /** The organization's credential of that name; a permanent failure naming {@code field} when there is none. */
    public ObjectNode requireCredential(String name, String field) throws TaskFailure {
        if (name == null || name.isBlank()) {
            throw TaskFailure.permanent("input '" + field + "' must name a credential");
        }
        return credential(name).orElseThrow(() -> TaskFailure.permanent("input '" + field + "': there is no credential"
                + " named '" + name + "' in this organization"));
    }

    /** Files of this organization: store a task's file output, read a file input. */
    public FileStore files() {
        return services.files();
    }
}
