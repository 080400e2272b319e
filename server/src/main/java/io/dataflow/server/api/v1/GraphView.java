package io.dataflow.server.api.v1;

import io.dataflow.engine.expression.Located;
import io.dataflow.engine.expression.Reference;
import io.dataflow.engine.expression.Templates;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.server.api.dataflow.InputDeclarations;
import io.dataflow.server.api.dataflow.JsonFields;
import io.dataflow.server.api.dataflow.StepConfigReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Draws a definition as seed 002's nodes and connections, for a workflow made through the other dialect
 * ({@code /workflows}), so that {@code /api/v1} can show it: a node per task (its id and label the task's name, its
 * type the task's), a {@value GraphNode#TRIGGER} node declaring the definition's inputs, and a connection for each
 * input whose whole value is one reference, {@code {{ tasks.X.outputs.p }}} or {@code {{ inputs.p }}}; the other
 * inputs stay in the node's config. Nodes are laid out left to right by how many tasks come before them.
 *
 * <p>A task's own timeout is drawn as its node's {@code timeout} (milliseconds), and its own retry policy as the
 * node's {@code retries} when Cloudflare's words say it exactly (a policy given in them).
 *
 * <p>{@link GraphDocumentReader} reads the drawing back to the same inputs, tasks and settings, except what seed
 * 002 cannot say: a task's retry policy given in {@code /workflows}' own words (its waits capped at 5 minutes), the
 * settings' retry delays, and the workflow's named outputs (a graph's outputs are its last tasks' whole outputs).
 */
public final class GraphView {

    private static final String TRIGGER_ID = "trigger";
    private static final int COLUMN_WIDTH = 250;
    private static final int ROW_HEIGHT = 150;

    private GraphView() {
    }

    /** The drawing of {@code definition}, which is kept as the document's definition. */
    public static GraphDocument of(Definition definition) {
        Optional<String> trigger = !definition.inputs().isEmpty() || definition.openInputs()
                ? Optional.of(triggerId(definition)) : Optional.empty();
        Layout layout = new Layout(definition, trigger.isPresent() ? 1 : 0);
        List<GraphNode> nodes = new ArrayList<>();
        List<GraphConnection> connections = new ArrayList<>();
        trigger.ifPresent(id -> nodes.add(new GraphNode(id, GraphNode.TRIGGER, "Trigger", layout.position(0),
                triggerConfig(definition))));
        for (TaskDef task : definition.tasks()) {
            ObjectNode config = Json.object();
            if (task.inputs() != null) {
                for (Map.Entry<String, JsonNode> input : task.inputs().properties()) {
                    Optional<GraphConnection> connection = connection(definition, trigger, task, input);
                    connection.ifPresentOrElse(connections::add, () -> config.set(input.getKey(),
                            input.getValue().deepCopy()));
                }
            }
            JsonNode timeout = task.timeout() == null ? null : LongNode.valueOf(task.timeout().toMillis());
            nodes.add(new GraphNode(task.name(), task.type(), task.name(), layout.position(task), config,
                    retries(task.retry()), timeout));
        }
        return new GraphDocument(definition, nodes, connections, GraphSettings.of(definition.settings()));
    }

    /** A retry policy in Cloudflare's words when reading them back gives the same policy, else null. */
    private static JsonNode retries(RetryPolicy policy) {
        String backoff = policy == null ? null : StepConfigReader.backoffWord(policy);
        if (backoff == null) {
            return null;
        }
        ObjectNode words = Json.object().put("limit", policy.maxAttempts() - 1)
                .put("delay", policy.initialDelay().toMillis()).put("backoff", backoff);
        RetryPolicy back = StepConfigReader.retries(words, "", new JsonFields(new ArrayList<>()));
        return policy.equals(back) ? words : null;
    }

    /** {@code trigger}, or, when a task has that name, the first of {@code trigger_2}, {@code trigger_3}... that none has. */
    private static String triggerId(Definition definition) {
        String id = TRIGGER_ID;
        for (int n = 2; definition.task(id).isPresent(); n++) {
            id = TRIGGER_ID + "_" + n;
        }
        return id;
    }

    private static ObjectNode triggerConfig(Definition definition) {
        ObjectNode config = Json.object();
        if (!definition.inputs().isEmpty()) {
            config.set("inputs", InputDeclarations.write(definition.inputs()));
        }
        return config;
    }

    /** The connection an input is, when its whole value is one reference to an input or a task's output. */
    private static Optional<GraphConnection> connection(Definition definition, Optional<String> trigger, TaskDef task,
            Map.Entry<String, JsonNode> input) {
        return Templates.exactPath(input.getValue()).flatMap(ref -> switch (ref.kind()) {
            case INPUT -> trigger.map(id -> new GraphConnection(id, ref.name(), task.name(), input.getKey()));
            case TASK -> definition.task(ref.name()).map(source -> new GraphConnection(source.name(), ref.port(),
                    task.name(), input.getKey()));
            default -> Optional.empty();
        });
    }

    /** Columns by depth (the longest chain of tasks a task reads from), rows in definition order. */
    private static final class Layout {

        private final Definition definition;
        private final int firstTaskColumn;
        private final Map<String, Integer> columns = new HashMap<>();
        private final Map<Integer, Integer> rowsUsed = new HashMap<>();

        Layout(Definition definition, int firstTaskColumn) {
            this.definition = definition;
            this.firstTaskColumn = firstTaskColumn;
        }

        GraphNode.Position position(TaskDef task) {
            return position(column(task, new HashSet<>()));
        }

        GraphNode.Position position(int column) {
            int row = rowsUsed.merge(column, 1, Integer::sum) - 1;
            return new GraphNode.Position(column * COLUMN_WIDTH, row * ROW_HEIGHT);
        }

        /** @param visiting the tasks on the path here, so that a cycle (never in a compiled definition) ends */
        private int column(TaskDef task, Set<String> visiting) {
            Integer known = columns.get(task.name());
            if (known != null) {
                return known;
            }
            int column = firstTaskColumn;
            if (visiting.add(task.name())) {
                for (Located<Reference> located : Templates.references(task.inputs())) {
                    Reference ref = located.value();
                    if (ref.kind() == Reference.Kind.TASK && ref.name() != null && !visiting.contains(ref.name())) {
                        Optional<TaskDef> source = definition.task(ref.name());
                        if (source.isPresent()) {
                            column = Math.max(column, column(source.get(), visiting) + 1);
                        }
                    }
                }
                visiting.remove(task.name());
            }
            columns.put(task.name(), column);
            return column;
        }
    }
}
