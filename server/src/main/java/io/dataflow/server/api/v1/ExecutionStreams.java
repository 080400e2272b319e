package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.store.ExecutionChanges;
import io.dataflow.server.config.DataflowSettings;
import io.dataflow.server.limits.StreamLimits;
import io.dataflow.server.web.EventStreamWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the live streams of executions ({@code GET /api/v1/executions/{executionId}/stream}) on this server: counts
 * each against its organization's limit ({@link StreamLimits}), watches its execution in the engine
 * ({@link ExecutionChanges}) and runs it ({@link ExecutionStream}) on the request's own thread, writing to the
 * response as it goes. When the server stops, open streams end at once (their clients reconnect elsewhere or later)
 * instead of holding up the shutdown.
 */
@Component
class ExecutionStreams {

    static final String KEEPALIVE = "DATAFLOW_STREAM_KEEPALIVE_MS";
    static final String LONGEST = "DATAFLOW_STREAM_MAX_MS";
    static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(15);
    static final Duration DEFAULT_LONGEST = Duration.ofMinutes(30);

    private final Engine engine;
    private final StreamLimits limits;
    private final JsonMapper json;
    private final ExecutionStream.Timing timing;
    private final Set<ExecutionStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    ExecutionStreams(Engine engine, StreamLimits limits, JsonMapper json, DataflowSettings settings,
            Environment environment) {
        this.engine = engine;
        this.limits = limits;
        this.json = json;
        this.timing = new ExecutionStream.Timing(settings.pollInterval(),
                positive(environment, KEEPALIVE, DEFAULT_KEEPALIVE), positive(environment, LONGEST, DEFAULT_LONGEST));
    }

    /**
     * Streams the execution, which the caller may read, to the response until the stream ends; for a HEAD request,
     * answers as GET would begin to, without running the stream (nobody would read it).
     *
     * @param lastEventId the client's {@code Last-Event-ID}, or null
     * @throws io.dataflow.server.limits.LimitExceededException when the organization holds as many streams as it may,
     *     before anything is written
     */
    void serve(String organizationId, String workflowId, String executionId, String lastEventId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (StreamLimits.Slot slot = limits.open(organizationId)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache, no-store");
            // Proxies that buffer answers (nginx) pass this one on as it is written.
            response.setHeader("X-Accel-Buffering", "no");
            if (HttpMethod.HEAD.matches(request.getMethod())) {
                return;
            }
            ExecutionStream stream = new ExecutionStream(executionId,
                    () -> engine.executions().findStored(organizationId, workflowId, executionId),
                    new StreamedState(json), timing);
            open.add(stream);
            try (ExecutionChanges.Watch watch = engine.changes().watch(executionId, stream::changed)) {
                if (closing) {
                    return;
                }
                stream.run(new EventStreamWriter(response.getOutputStream()), blankToNull(lastEventId));
            } catch (IOException e) {
                // The client went away: its slot and its watch are given back here, nothing more to send.
            } finally {
                open.remove(stream);
            }
        }
    }

    /** Ends every open stream when the server starts to stop, before it waits for requests to finish. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
        open.forEach(ExecutionStream::stop);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Duration positive(Environment environment, String name, Duration fallback) {
        long millis = environment.getProperty(name, Long.class, fallback.toMillis());
        if (millis < 1) {
            throw new IllegalArgumentException(name + " must be a positive number of milliseconds, got " + millis);
        }
        return Duration.ofMillis(millis);
    }
}
