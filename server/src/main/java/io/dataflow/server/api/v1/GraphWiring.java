package io.dataflow.server.api.v1;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Turns a graph's nodes and connections into the engine's tasks and inputs. A connection from output port {@code p}
 * of node {@code s} to input port {@code q} of node {@code t} gives {@code t}'s input {@code q} the value
 * {@code {{ tasks.s.outputs.p }}} ({@code {{ inputs.p }}} from the trigger), with the connection as where that value
 * came from, so the compiler reports a wrong type or a cycle at the connection.
 *
 * <p>The whole output ({@link GraphConnection#WHOLE_OUTPUT}) is the value {@code {{ tasks.s.outputs }}}
 * ({@code {{ inputs }}} from the trigger, which lets executions start with any inputs). Into the whole input
 * ({@link GraphConnection#WHOLE_INPUT}): one port feeds the target's input of the same name, else its primary
 * input; a whole output feeds each input of the target named like one of its outputs, or, when none is, its primary
 * output feeds the primary input, as linear steps do; the trigger's whole output feeds each input by name. Such
 * matching leaves alone the inputs a config or a connection to a named port gives.
 */
final class GraphWiring {

    /** What gave an input its value, which decides whether another connection may. */
    private enum Giver { CONFIG, CONNECTION, MATCH }

    /** An input's value and where, in the document, it came from. */
    private record Fed(JsonNode value, String origin, Giver giver) {

        boolean isGiven() {
            return !(giver == Giver.CONFIG && value.isNull());
        }
    }

    /** What a connection reads: one port of a node, or, when {@code port} is null, its whole output. */
    private record Source(GraphNodes.Entry node, String port) {
    }

    /** A connection whose two ends exist; {@code port} null for the target's whole input. */
    private record Link(Source source, GraphNodes.Entry target, String port, String pointer) {
    }

    private final GraphNodes nodes;
    private final JsonFields fields;
    private final Map<String, Map<String, Fed>> fed = new LinkedHashMap<>();
    private final Map<String, InputDecl> implicitInputs = new LinkedHashMap<>();
    private final List<TaskDef> tasks = new ArrayList<>();
    private boolean wholeTriggerRead;

    private GraphWiring(GraphNodes nodes, JsonFields fields) {
        this.nodes = nodes;
        this.fields = fields;
    }

    /** Wires the nodes by the connections, with a problem for each connection or node that cannot be. */
    static GraphWiring wire(GraphNodes nodes, List<GraphConnections.Entry> connections, JsonFields fields) {
        GraphWiring wiring = new GraphWiring(nodes, fields);
        wiring.wire(connections);
        return wiring;
    }

    /** The tasks: one per task node, its config and connections as its inputs. */
    List<TaskDef> tasks() {
        return tasks;
    }

    /** The trigger's declared inputs, then those only its connections name (any type, not required). */
    List<InputDecl> inputs() {
        List<InputDecl> inputs = new ArrayList<>(nodes.declaredInputs());
        inputs.addAll(implicitInputs.values());
        return inputs;
    }

    /** Whether executions may bring inputs the trigger does not declare: when it declares none, or passes all on. */
    boolean openInputs() {
        return nodes.trigger().isPresent() && (nodes.declaredInputs().isEmpty() || wholeTriggerRead);
    }

    private void wire(List<GraphConnections.Entry> connections) {
        for (GraphNodes.Entry node : nodes.entries()) {
            if (node.type() != null) {
                Map<String, Fed> inputs = new LinkedHashMap<>();
                node.node().config().properties().forEach(input -> inputs.put(input.getKey(), new Fed(
                        input.getValue().deepCopy(), Pointers.append(node.pointer() + "/config", input.getKey()),
                        Giver.CONFIG)));
                fed.put(node.id(), inputs);
            }
        }
        List<Link> intoWholeInputs = new ArrayList<>();
        for (GraphConnections.Entry connection : connections) {
            link(connection).ifPresent(link -> {
                if (link.port() == null) {
                    intoWholeInputs.add(link);
                } else {
                    feed(link.target(), link.port(), value(link.source(), link.source().port()), link.pointer(),
                            link.pointer() + "/targetPort");
                }
            });
        }
        // After the connections to named ports, so that those win over matching by name whatever their order.
        intoWholeInputs.forEach(this::feedWholeInput);
        for (GraphNodes.Entry node : nodes.entries()) {
            if (node.type() != null) {
                tasks.add(task(node));
            }
        }
    }

    private TaskDef task(GraphNodes.Entry node) {
        ObjectNode inputs = Json.object();
        Map<String, String> origins = new LinkedHashMap<>();
        fed.get(node.id()).forEach((port, value) -> {
            inputs.set(port, value.value());
            origins.put(port, value.origin());
        });
        for (Port port : node.type().inputs()) {
            boolean given = inputs.has(port.name()) && !inputs.get(port.name()).isNull();
            if (port.required() && port.defaultValue() == null && !given) {
                // Reported here, since the compiler would point at the task's "inputs", which a node does not have.
                fields.problem(node.pointer() + "/config", describe(node) + " needs input '" + port.name() + "' ("
                        + port.type().wireName() + "): give it in config or connect an output to it");
            }
        }
        return new TaskDef(node.id(), node.node().nodeId(), inputs, node.retry(), node.timeout(), node.pointer(),
                origins);
    }

    /** The connection's two ends, or empty (with a problem, unless a node's type is the problem) if one is wrong. */
    private Optional<Link> link(GraphConnections.Entry entry) {
        GraphConnection connection = entry.connection();
        String at = entry.pointer();
        Optional<GraphNodes.Entry> source = node(connection.sourceNodeId(), at + "/sourceNodeId");
        Optional<GraphNodes.Entry> target = node(connection.targetNodeId(), at + "/targetNodeId");
        if (source.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        if (source.get() == target.get()) {
            fields.problem(at, "connects node '" + source.get().id() + "' to itself");
            return Optional.empty();
        }
        if (target.get().trigger()) {
            fields.problem(at + "/targetNodeId", "node '" + target.get().id() + "' is the trigger, which takes no"
                    + " inputs; connect its outputs to other nodes");
            return Optional.empty();
        }
        Optional<Source> from = source(source.get(), connection.sourcePort(), at);
        TaskType type = target.get().type();
        if (from.isEmpty() || type == null) {
            return Optional.empty();
        }
        String port = connection.targetPort();
        if (hasPort(type.inputs(), port)) {
            return Optional.of(new Link(from.get(), target.get(), port, at));
        }
        if (port.equals(GraphConnection.WHOLE_INPUT)) {
            return Optional.of(new Link(from.get(), target.get(), null, at));
        }
        fields.problem(at + "/targetPort", describe(target.get()) + " has no input port '" + port + "'; its inputs are "
                + names(type.inputs()) + ", or '" + GraphConnection.WHOLE_INPUT + "' for all of them");
        return Optional.empty();
    }

    private Optional<GraphNodes.Entry> node(String id, String at) {
        Optional<GraphNodes.Entry> node = nodes.find(id);
        if (node.isEmpty()) {
            fields.problem(at, "no node has id '" + id + "'; the nodes are " + nodes.ids());
        }
        return node;
    }

    private Optional<Source> source(GraphNodes.Entry node, String port, String at) {
        if (node.trigger()) {
            return triggerSource(node, port, at);
        }
        if (node.type() == null) {
            return Optional.empty();
        }
        if (hasPort(node.type().outputs(), port)) {
            return Optional.of(new Source(node, port));
        }
        if (port.equals(GraphConnection.WHOLE_OUTPUT)) {
            return Optional.of(new Source(node, null));
        }
        fields.problem(at + "/sourcePort", describe(node) + " has no output port '" + port + "'; its outputs are "
                + names(node.type().outputs()) + ", or '" + GraphConnection.WHOLE_OUTPUT + "' for all of them");
        return Optional.empty();
    }

    /** A trigger's port is an input's name; one it does not declare is declared here, as any value, optional. */
    private Optional<Source> triggerSource(GraphNodes.Entry trigger, String port, String at) {
        if (nodes.declaredInputs().stream().anyMatch(input -> port.equals(input.name()))) {
            return Optional.of(new Source(trigger, port));
        }
        if (port.equals(GraphConnection.WHOLE_OUTPUT)) {
            wholeTriggerRead = true;
            return Optional.of(new Source(trigger, null));
        }
        if (!DefinitionCompiler.isValidName(port)) {
            fields.problem(at + "/sourcePort", "a trigger's output port is the name of an execution input, which"
                    + " must start with a letter or '_' and contain only letters, digits and '_'; got '" + port + "'");
            return Optional.empty();
        }
        implicitInputs.putIfAbsent(port, new InputDecl(port, PortType.ANY, null, false, null, at));
        return Optional.of(new Source(trigger, port));
    }

    /** A connection into the whole input: the ports it feeds follow from the source's and the target's ports. */
    private void feedWholeInput(Link link) {
        GraphNodes.Entry target = link.target();
        List<Port> inputs = target.type().inputs();
        Source source = link.source();
        String at = link.pointer();
        if (inputs.isEmpty()) {
            fields.problem(at, describe(target) + " takes no inputs");
        } else if (source.port() != null) {
            String port = hasPort(inputs, source.port()) ? source.port() : inputs.getFirst().name();
            feed(target, port, value(source, source.port()), at, at);
        } else if (source.node().trigger()) {
            feedMatches(target, inputs.stream().map(Port::name).toList(), source, at);
        } else {
            List<Port> outputs = source.node().type().outputs();
            List<String> matches = names(inputs, outputs);
            if (!matches.isEmpty()) {
                feedMatches(target, matches, source, at);
            } else if (outputs.isEmpty()) {
                fields.problem(at, describe(source.node()) + " has no outputs");
            } else {
                feed(target, inputs.getFirst().name(), value(source, outputs.getFirst().name()), at, at);
            }
        }
    }

    /** Gives an input a connection's value; a problem if a config value or another connection gives it already. */
    private void feed(GraphNodes.Entry target, String port, JsonNode value, String origin, String problemAt) {
        Fed given = fed.get(target.id()).get(port);
        if (given != null && given.isGiven()) {
            fields.problem(problemAt, "input '" + port + "' of node '" + target.id() + "' "
                    + (given.giver() == Giver.CONFIG ? "is given in its config (" + given.origin() + ") too; give"
                            + " it in one place" : "is fed by " + given.origin() + " already; an input takes one"
                                    + " connection"));
            return;
        }
        fed.get(target.id()).put(port, new Fed(value, origin, Giver.CONNECTION));
    }

    /** Feeds each of {@code ports} from the source's port of the same name, but those given otherwise already. */
    private void feedMatches(GraphNodes.Entry target, List<String> ports, Source source, String at) {
        Map<String, Fed> inputs = fed.get(target.id());
        List<String> clashes = new ArrayList<>();
        boolean fedAny = false;
        for (String port : ports) {
            Fed given = inputs.get(port);
            if (given != null && given.giver() == Giver.MATCH) {
                clashes.add(port + " (also matched by " + given.origin() + ")");
            } else if (given == null || !given.isGiven()) {
                inputs.put(port, new Fed(value(source, port), at, Giver.MATCH));
                fedAny = true;
            }
        }
        if (!clashes.isEmpty()) {
            fields.problem(at, "feeds inputs of node '" + target.id() + "' that another whole output feeds by"
                    + " name: " + String.join(", ", clashes) + "; connect named ports instead");
        } else if (!fedAny) {
            fields.problem(at, "feeds nothing: the inputs of node '" + target.id() + "' it matches by name ("
                    + String.join(", ", ports) + ") are given already");
        }
    }

    /** The template reading {@code port} of the source's node, or its whole output when {@code port} is null. */
    private static JsonNode value(Source source, String port) {
        String path = source.node().trigger() ? "inputs" : "tasks." + source.node().id() + ".outputs";
        return StringNode.valueOf("{{ " + path + (port == null ? "" : "." + name(port)) + " }}");
    }

    /** A port name as a JSONata path step: quoted with backticks when it is not a plain name. */
    private static String name(String port) {
        return DefinitionCompiler.isValidName(port) ? port : "`" + port + "`";
    }

    private static boolean hasPort(List<Port> ports, String name) {
        return ports.stream().anyMatch(port -> port.name().equals(name));
    }

    /** The names of {@code ports} that {@code others} has too, in the order of {@code ports}. */
    private static List<String> names(List<Port> ports, List<Port> others) {
        return ports.stream().map(Port::name).filter(name -> hasPort(others, name)).toList();
    }

    private static String names(List<Port> ports) {
        return String.join(", ", ports.stream().map(Port::name).toList());
    }

    private static String describe(GraphNodes.Entry node) {
        return "node '" + node.id() + "' (" + node.node().nodeId() + ")";
    }
}
