package io.dataflow.server.api.v1;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.store.StoredExecution;
import io.dataflow.server.web.EventStreamWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one live stream of an execution has sent its client, and the events that bring the client up to date with the
 * execution as read now: a {@code snapshot} (the execution exactly as {@code GET /api/v1/executions/{executionId}}
 * shows it) or a {@code change} ({@code {"execution": <its own fields>, "nodes": <only the nodes whose JSON differs
 * from what was sent>}}).
 *
 * <p>Every event's id is a fingerprint of the whole state it brings the client to: the SHA-256, in hex, of that
 * state's snapshot JSON. Two reads of an unchanged execution have the same fingerprint, so a client that reconnects
 * with the id it last got needs no snapshot unless something changed meanwhile.
 *
 * <p>Nodes are read, written out and hashed one at a time, as {@code GET} writes them; only a digest of each is kept.
 * A stream never holds its execution's inputs and outputs in memory beyond one node's.
 */
final class StreamedState {

    /** How the client is brought up to date by {@link #send}. */
    enum Mode {
        /** The whole execution. */
        SNAPSHOT,
        /** The execution's own fields and the nodes that differ, if anything differs. */
        CHANGES,
        /** Nothing: the state read is taken as the client's (its Last-Event-ID named it). */
        NOTHING
    }

    /** What a read found: the state's fingerprint, whether an event was written, the execution's status. */
    record Sent(String fingerprint, boolean wrote, ExecutionStatus status) {
    }

    private static final byte[] NODES = bytes(",\"nodes\":{");
    private static final byte[] END = bytes("}}");

    private final JsonMapper json;
    /** Digests of what the client holds: the execution's own fields, and each node by id. */
    private byte[] sentFields;
    private Map<String, byte[]> sentNodes = Map.of();
    private String fingerprint;

    /** @param json the mapper the API's answers are written with, so a snapshot is byte for byte the GET answer */
    StreamedState(JsonMapper json) {
        this.json = json;
    }

    /** The fingerprint of the state the client holds; null before the first {@link #send}. */
    String fingerprint() {
        return fingerprint;
    }

    /** Writes what brings the client from the state it holds to {@code stored} (not flushed), and holds that state. */
    Sent send(StoredExecution stored, Mode mode, EventStreamWriter out) throws IOException {
        byte[] fields = json.writeValueAsBytes(ExecutionViews.Fields.of(stored.execution()));
        byte[] fieldsDigest = sha256().digest(fields);
        MessageDigest whole = sha256();
        // The snapshot's JSON: the fields' object left open, then "nodes" and each node, then both closed.
        byte[] head = Arrays.copyOf(fields, fields.length - 1);
        whole.update(head);
        whole.update(NODES);
        Change change = new Change(out, fields);
        if (mode == Mode.SNAPSHOT) {
            out.begin("snapshot");
            out.data(head);
            out.data(NODES);
        } else if (mode == Mode.CHANGES && !Arrays.equals(fieldsDigest, sentFields)) {
            change.begin();
        }
        Map<String, byte[]> nodes = new HashMap<>();
        for (TaskRun run : stored.tasks()) {
            byte[] member = member(run, nodes.isEmpty());
            byte[] node = json.writeValueAsBytes(ExecutionViews.NodeRun.of(run));
            whole.update(member);
            whole.update(node);
            byte[] digest = sha256().digest(node);
            nodes.put(run.name(), digest);
            if (mode == Mode.SNAPSHOT) {
                out.data(member);
                out.data(node);
            } else if (mode == Mode.CHANGES && !Arrays.equals(digest, sentNodes.get(run.name()))) {
                change.node(run.name(), node);
            }
        }
        if (mode == Mode.CHANGES) {
            // An execution's nodes are those of its version, which it keeps; should one go all the same, it is null.
            for (String gone : sentNodes.keySet()) {
                if (!nodes.containsKey(gone)) {
                    change.node(gone, bytes("null"));
                }
            }
        }
        whole.update(END);
        String reached = HexFormat.of().formatHex(whole.digest());
        boolean wrote = mode == Mode.SNAPSHOT || change.begun;
        if (wrote) {
            out.data(END);
            out.end(reached);
        }
        sentFields = fieldsDigest;
        sentNodes = nodes;
        fingerprint = reached;
        return new Sent(reached, wrote, stored.execution().status());
    }

    /** Writes the {@code end} event of an execution that finished in this status, after its state was sent. */
    void end(EventStreamWriter out, String status) throws IOException {
        out.begin("end");
        out.data(json.writeValueAsBytes(Map.of("status", status)));
        out.end(fingerprint);
    }

    /** The node's name as a JSON member name, after a comma unless it is the first. */
    private byte[] member(TaskRun run, boolean first) {
        return bytes((first ? "" : ",") + json.writeValueAsString(run.name()) + ":");
    }

    /** A change event, begun when the first thing that differs is found. */
    private final class Change {
        private final EventStreamWriter out;
        private final byte[] fields;
        private boolean begun;
        private boolean firstNode = true;

        Change(EventStreamWriter out, byte[] fields) {
            this.out = out;
            this.fields = fields;
        }

        void begin() throws IOException {
            if (begun) {
                return;
            }
            begun = true;
            out.begin("change");
            out.data(bytes("{\"execution\":"));
            out.data(fields);
            out.data(NODES);
        }

        void node(String name, byte[] node) throws IOException {
            begin();
            out.data(bytes((firstNode ? "" : ",") + json.writeValueAsString(name) + ":"));
            out.data(node);
            firstNode = false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
