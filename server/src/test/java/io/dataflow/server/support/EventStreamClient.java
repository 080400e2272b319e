package io.dataflow.server.support;

import io.dataflow.engine.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A client of a server-sent events stream over real HTTP, as a browser's EventSource reads one: lines are read as
 * they arrive (on a thread of its own, so that a test waits for the next event with a deadline) and parsed into
 * events at each blank line. Each client has its own connection; {@link #close} drops it, as a browser tab that
 * goes away does.
 */
public final class EventStreamClient implements AutoCloseable {

    /** An event as a client dispatches it. */
    public record Event(String type, String id, String data) {
        public JsonNode json() {
            return Json.parse(data);
        }
    }

    /** Put on the queue when the server closed the stream. */
    private static final Object CLOSED = new Object();

    private final HttpClient client;
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final String errorBody;
    private boolean closed;

    private EventStreamClient(HttpClient client, HttpResponse<Stream<String>> response) {
        this.client = client;
        this.response = response;
        if (response.statusCode() == 200) {
            this.errorBody = null;
            Thread.ofVirtual().name("event-stream-client").start(this::read);
        } else {
            try (Stream<String> lines = response.body()) {
                this.errorBody = lines.collect(Collectors.joining("\n"));
            }
        }
    }

    /**
     * Opens {@code path} with this key (none when null), sending {@code Accept: text/event-stream} as EventSource does,
     * and {@code Last-Event-ID} unless null.
     */
    public static EventStreamClient open(Api api, String path, String lastEventId) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Accept", "text/event-stream").GET();
        if (api.key() != null) {
            request.header("X-API-Key", api.key());
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStreamClient(client, client.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            client.shutdownNow();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.shutdownNow();
            throw new IllegalStateException(e);
        }
    }

    public static EventStreamClient open(Api api, String path) {
        return open(api, path, null);
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer other than 200, parsed as JSON (a problem). */
    public JsonNode problem() {
        return errorBody == null || errorBody.isBlank() ? null : Json.parse(errorBody);
    }

    /**
     * The next event, waiting at most {@code timeout}; null when the server closed the stream first.
     *
     * @throws AssertionError when none came in time
     */
    public Event next(Duration timeout) {
        Object item;
        try {
            item = closed ? CLOSED : events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (item == null) {
            throw new AssertionError("no event within " + timeout);
        }
        if (item == CLOSED) {
            closed = true;
            return null;
        }
        return (Event) item;
    }

    /** Whether no event came yet (nor the stream's close). */
    public boolean nothingSent() {
        return events.isEmpty();
    }

    /** The comment lines received so far, without their colon. */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** The values of the retry fields received so far. */
    public List<String> retries() {
        return List.copyOf(retries);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } finally {
            client.shutdownNow();
        }
    }

    /** Parses lines into events as the HTML standard's event stream interpretation does. */
    private void read() {
        String type = "";
        String id = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(type.isEmpty() ? "message" : type, id, String.join("\n", data)));
                    }
                    type = "";
                    data.clear();
                    continue;
                }
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> type = value;
                    case "data" -> data.add(value);
                    case "id" -> id = value;
                    case "retry" -> retries.add(value);
                    default -> {
                        // ignored, as the standard says
                    }
                }
            }
        } catch (RuntimeException e) {
            // The connection was dropped (closed by this client, or cut): the stream is over either way.
        } finally {
            events.add(CLOSED);
        }
    }
}
