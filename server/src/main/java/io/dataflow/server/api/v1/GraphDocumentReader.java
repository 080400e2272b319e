package io.dataflow.server.api.v1;

import io.dataflow.engine.expression.Located;
import io.dataflow.engine.expression.Reference;
import io.dataflow.engine.expression.Templates;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads seed 002's {@code nodes}, {@code connections} and {@code settings} into the engine's definition: each task
 * node a task named by its id, its {@code config} and its connections its inputs ({@link GraphWiring}), the trigger
 * node's outputs the execution's inputs. The other members of the body (name, tags, ...) are the caller's to read.
 *
 * <p>Every problem found is reported at once, each at its JSON pointer in the body ({@code /nodes/2/nodeId},
 * {@code /connections/0/targetPort}). The definition it returns is then compiled by the engine, which finds the
 * rest (unknown config inputs, port types that do not fit, cycles) at the same kind of pointer: a connection's
 * value is placed at the connection, a config value at {@code /nodes/<i>/config/<port>}.
 *
 * <p>A graph has no workflow outputs of its own: the definition's outputs are the whole outputs of the task nodes
 * nothing reads from, each named by its node's id, so an execution's result is what its last tasks made.
 */
public final class GraphDocumentReader {

    private final TaskTypeRegistry registry;

    public GraphDocumentReader(TaskTypeRegistry registry) {
        this.registry = registry;
    }

    /**
     * Reads a body; throws {@link InvalidDefinitionException} with every problem found.
     *
     * @param body the request body, an object whose {@code nodes}, {@code connections} and {@code settings} are all
     *     optional
     */
    public GraphDocument read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        if (doc == null) {
            throw new InvalidDefinitionException(problems);
        }
        GraphNodes nodes = GraphNodes.read(doc, fields, registry);
        List<GraphConnections.Entry> connections = GraphConnections.read(doc, fields);
        GraphSettings settings = GraphSettings.read(doc, fields);
        GraphWiring wiring = GraphWiring.wire(nodes, connections, fields);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        Definition definition = new Definition(wiring.inputs(), wiring.tasks(), lastOutputs(wiring.tasks()),
                GraphSettings.workflowSettings(settings), wiring.openInputs());
        return new GraphDocument(definition, nodes.nodes(),
                connections.stream().map(GraphConnections.Entry::connection).toList(), settings);
    }

    /** The whole output of each task no other task reads, named by the task. */
    private static List<OutputDecl> lastOutputs(List<TaskDef> tasks) {
        Set<String> read = new HashSet<>();
        for (TaskDef task : tasks) {
            for (Located<Reference> located : Templates.references(task.inputs())) {
                if (located.value().kind() == Reference.Kind.TASK && located.value().name() != null) {
                    read.add(located.value().name());
                }
            }
        }
        return tasks.stream().filter(task -> !read.contains(task.name()))
                .map(task -> new OutputDecl(task.name(), PortType.ANY,
                        StringNode.valueOf("{{ tasks." + task.name() + ".outputs }}"), task.origin()))
                .toList();
    }
}
