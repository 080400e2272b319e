package io.dataflow.engine.definition;

import io.dataflow.engine.expression.Reference;
import io.dataflow.engine.expression.Located;
import io.dataflow.engine.expression.Templates;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.StepSettings;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a definition and turns it into a {@link Plan}: every task type exists, every input a task gets is one its
 * type declares and every required one is given, every template compiles and references a declared input or an
 * existing task's declared output (or, in task inputs only, a credential as {@code secrets.<name>}) and reads
 * nothing the execution context cannot have ({@link ContextReads}), statically known types fit, literal inputs pass
 * their task type's checks ({@link LiteralInputs}), and the graph has no cycle. All problems are
 * reported at once, each at the pointer of the offending field in the user's document.
 */
public final class DefinitionCompiler {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private final TaskTypeRegistry registry;

    public DefinitionCompiler(TaskTypeRegistry registry) {
        this.registry = registry;
    }

    /**
     * Whether a task or input name can be referenced from templates ({@code tasks.<name>...}): a letter or '_',
     * then letters, digits and '_', at most 100 characters.
     */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * What a definition declares, for checking what its templates read.
     *
     * @param types the type of each task whose type exists, by task name
     * @param admitting whether a task's inputs (by its name; null for the workflow's outputs) are being created or
     *     changed, rather than read back from a stored version, and so get every check
     * @param openInputs whether templates may read inputs that are not declared ({@link Definition#openInputs})
     */
    private record Declared(Map<String, InputDecl> inputs, Map<String, TaskDef> tasks, Map<String, TaskType> types,
            Predicate<String> admitting, boolean openInputs) {

        ContextReads reads() {
            return new ContextReads(inputs.keySet(), tasks.keySet(), types);
        }
    }

    /**
     * The plan of a valid definition being created or changed; throws {@link InvalidDefinitionException} listing
     * every problem otherwise.
     */
    public Plan compile(Definition definition) {
        return compile(definition, task -> true);
    }

    /**
     * The plan of a stored version. It gets every check {@link #compile} makes but those that came after versions
     * were stored and only refuse what used to be accepted ({@link ContextReads}, {@link LiteralInputs}), so a version
     * stored before them plans and runs as it did, its executions included; changing it gets them all.
     */
    public Plan compileStored(Definition definition) {
        return compile(definition, task -> false);
    }

    /**
     * The plan of a stored version in which one task was changed: that task gets every check {@link #compile}
     * makes, the rest what {@link #compileStored} makes, so a version stored before the later checks can still be
     * run with one task changed. Throws {@link InvalidDefinitionException} listing every problem.
     */
    public Plan compileChanged(Definition definition, String changedTask) {
        return compile(definition, changedTask::equals);
    }

    private Plan compile(Definition definition, Predicate<String> admitting) {
        List<Problem> problems = new ArrayList<>();
        Map<String, InputDecl> inputs = declaredInputs(definition, problems);
        Map<String, TaskDef> tasks = new LinkedHashMap<>();
        Map<String, TaskType> types = new HashMap<>();
        for (TaskDef task : definition.tasks()) {
            if (!isValidName(task.name())) {
                problems.add(new Problem(task.origin() + "/name", "task name must start with a letter or '_' and"
                        + " contain only letters, digits and '_' (at most 100), got '" + task.name() + "'"));
            } else if (tasks.putIfAbsent(task.name(), task) != null) {
                problems.add(new Problem(task.origin() + "/name", "task name '" + task.name() + "' is used twice"));
            }
            Optional<TaskType> type = registry.find(task.type());
            if (type.isEmpty()) {
                problems.add(new Problem(task.origin() + "/type", "unknown task type '" + task.type()
                        + "'; available types: " + String.join(", ", registry.names())));
            } else {
                types.put(task.name(), type.get());
            }
        }
        Declared declared = new Declared(inputs, tasks, types, admitting, definition.openInputs());
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (TaskDef task : definition.tasks()) {
            Set<String> deps = new LinkedHashSet<>();
            TaskType type = types.get(task.name());
            if (type != null && tasks.get(task.name()) == task) {
                checkTaskInputs(task, type, declared, deps, problems);
                dependencies.put(task.name(), deps);
            }
        }
        Set<String> outputDependencies = new LinkedHashSet<>();
        for (OutputDecl output : definition.outputs()) {
            checkValue(output.value(), output.origin() + "/value", output.type(), "output '" + output.name() + "'",
                    null, declared, outputDependencies, problems);
        }
        if (problems.isEmpty()) {
            findCycle(dependencies).ifPresent(cycle -> problems.add(new Problem(
                    cyclePointer(tasks.get(cycle.getFirst()), cycle.get(1)), "tasks form a cycle: "
                            + String.join(" -> ", cycle))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return plan(definition, types, dependencies, outputDependencies);
    }

    private static Map<String, InputDecl> declaredInputs(Definition definition, List<Problem> problems) {
        Map<String, InputDecl> inputs = new LinkedHashMap<>();
        for (InputDecl input : definition.inputs()) {
            if (!isValidName(input.name())) {
                problems.add(new Problem(input.origin() + "/name", "input name must start with a letter or '_' and"
                        + " contain only letters, digits and '_', got '" + input.name() + "'"));
            } else if (inputs.putIfAbsent(input.name(), input) != null) {
                problems.add(new Problem(input.origin() + "/name", "input '" + input.name() + "' is declared twice"));
            }
            if (input.defaultValue() != null && !input.defaultValue().isNull() && !input.type().matches(input.defaultValue())) {
                problems.add(new Problem(input.origin() + "/default", "default must be " + input.type().wireName()
                        + ", got " + PortType.describe(input.defaultValue())));
            }
        }
        return inputs;
    }

    private void checkTaskInputs(TaskDef task, TaskType type, Declared declared, Set<String> deps,
            List<Problem> problems) {
        Map<String, Port> ports = new LinkedHashMap<>();
        type.inputs().forEach(p -> ports.put(p.name(), p));
        if (task.inputs() != null) {
            for (Map.Entry<String, JsonNode> entry : task.inputs().properties()) {
                Port port = ports.get(entry.getKey());
                String pointer = task.inputPointer(entry.getKey());
                if (port == null) {
                    problems.add(new Problem(pointer, "task type " + type.name() + " has no input '" + entry.getKey()
                            + "'; its inputs are " + String.join(", ", ports.keySet())));
                    continue;
                }
                checkValue(entry.getValue(), pointer, port.type(), "input '" + port.name() + "' of task '"
                        + task.name() + "'", task.name(), declared, deps, problems);
            }
        }
        if (declared.admitting().test(task.name())) {
            LiteralInputs.check(task, type, ports, problems);
        }
        for (Port port : type.inputs()) {
            boolean given = task.inputs() != null && task.inputs().has(port.name())
                    && !task.inputs().get(port.name()).isNull();
            if (port.required() && port.defaultValue() == null && !given) {
                problems.add(new Problem(task.origin() + "/inputs", "task '" + task.name() + "' (" + type.name()
                        + ") needs input '" + port.name() + "' (" + port.type().wireName() + ")"));
            }
        }
    }

    /**
     * Checks one templated value: syntax, references, and its type when it is a plain reference.
     *
     * @param self the task whose input this is, or null for a workflow output
     */
    private void checkValue(JsonNode value, String pointer, PortType expected, String what, String self,
            Declared declared, Set<String> deps, List<Problem> problems) {
        List<Problem> syntax = Templates.check(value, pointer);
        if (!syntax.isEmpty()) {
            problems.addAll(syntax);
            return;
        }
        Map<String, InputDecl> inputs = declared.inputs();
        Map<String, TaskDef> tasks = declared.tasks();
        Map<String, TaskType> types = declared.types();
        if (declared.admitting().test(self)) {
            declared.reads().check(value, pointer, self != null, problems);
        }
        for (Located<Reference> located : Templates.references(value, pointer)) {
            Reference ref = located.value();
            switch (ref.kind()) {
                case INPUT -> {
                    // A null name reads the whole inputs object, which is always there; with open inputs, an
                    // undeclared one reads nothing when the execution was not given it.
                    if (ref.name() != null && !inputs.containsKey(ref.name()) && !declared.openInputs()) {
                        problems.add(new Problem(located.pointer(), "references undeclared input '" + ref.name()
                                + "'" + declared(inputs.keySet(), "declared inputs")));
                    }
                }
                case TASK -> {
                    if (ref.name() == null) {
                        problems.add(new Problem(located.pointer(), "reads the outputs of tasks without naming one;"
                                + " name the task, as in tasks.<name>.outputs.<port>, so it runs after that task"));
                    } else if (ref.name().equals(self)) {
                        problems.add(new Problem(located.pointer(), "task '" + self + "' references its own outputs"));
                    } else if (!tasks.containsKey(ref.name())) {
                        problems.add(new Problem(located.pointer(), "references unknown task '" + ref.name() + "'"
                                + declared(tasks.keySet(), "tasks")));
                    } else {
                        deps.add(ref.name());
                        TaskType source = types.get(ref.name());
                        if (source != null && ref.port() != null && source.outputs().stream()
                                .noneMatch(p -> p.name().equals(ref.port()))) {
                            problems.add(new Problem(located.pointer(), "task '" + ref.name() + "' (" + source.name()
                                    + ") has no output '" + ref.port() + "'" + declared(source.outputs().stream()
                                            .map(Port::name).toList(), "its outputs")));
                        }
                    }
                }
                case SECRET -> {
                    if (self == null) {
                        problems.add(new Problem(located.pointer(), what + " reads secrets; workflow outputs are"
                                + " stored and shown, so they cannot read credentials"));
                    } else if (ref.name() == null) {
                        problems.add(new Problem(located.pointer(), "reads secrets without naming a credential;"
                                + " name it, as in secrets.<name> or secrets.<name>.<field>"));
                    }
                }
                default -> {
                }
            }
        }
        Templates.exactPath(value).flatMap(ref -> typeOf(ref, inputs, types)).ifPresent(actual -> {
            if (!expected.accepts(actual)) {
                problems.add(new Problem(pointer, what + " takes " + expected.wireName() + " but "
                        + value.asString().replace("{{", "").replace("}}", "").trim() + " is " + actual.wireName()));
            }
        });
    }

    /** The credentials a task's inputs read, by name. */
    private static Set<String> secretsOf(TaskDef task) {
        Set<String> names = new LinkedHashSet<>();
        for (Located<Reference> located : Templates.references(task.inputs())) {
            if (located.value().kind() == Reference.Kind.SECRET) {
                names.add(located.value().name());
            }
        }
        return Set.copyOf(names);
    }

    private static Optional<PortType> typeOf(Reference ref, Map<String, InputDecl> inputs, Map<String, TaskType> types) {
        return switch (ref.kind()) {
            case INPUT -> Optional.ofNullable(inputs.get(ref.name())).map(InputDecl::type);
            case TASK -> Optional.ofNullable(types.get(ref.name())).flatMap(t -> t.outputs().stream()
                    .filter(p -> p.name().equals(ref.port())).findFirst()).map(Port::type);
            default -> Optional.empty();
        };
    }

    private static String declared(java.util.Collection<String> names, String label) {
        return names.isEmpty() ? "" : "; " + label + ": " + String.join(", ", names);
    }

    /**
     * Where a cycle is reported: at its first task, or, when the input through which that task reads the next one
     * came from elsewhere in the user's document ({@link TaskDef#inputOrigins}, such as a graph's connection), there.
     */
    private static String cyclePointer(TaskDef first, String next) {
        if (first.inputs() != null) {
            for (Map.Entry<String, JsonNode> input : first.inputs().properties()) {
                String origin = first.inputOrigins().get(input.getKey());
                if (origin != null && Templates.references(input.getValue()).stream().map(Located::value)
                        .anyMatch(ref -> ref.kind() == Reference.Kind.TASK && next.equals(ref.name()))) {
                    return origin;
                }
            }
        }
        return first.origin();
    }

    /** A cycle as a list of task names whose last element repeats the first, if the graph has one. */
    static Optional<List<String>> findCycle(Map<String, Set<String>> dependencies) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, dependencies, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, Set<String>> deps, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        state.put(node, 1);
        path.add(node);
        for (String dep : deps.getOrDefault(node, Set.of())) {
            Optional<List<String>> cycle = visit(dep, deps, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.removeLast();
        state.put(node, 2);
        return Optional.empty();
    }

    private static Plan plan(Definition definition, Map<String, TaskType> types, Map<String, Set<String>> dependencies,
            Set<String> outputDependencies) {
        Map<String, Set<String>> successors = new HashMap<>();
        dependencies.forEach((task, deps) -> deps.forEach(dep ->
                successors.computeIfAbsent(dep, k -> new LinkedHashSet<>()).add(task)));
        Map<String, Plan.Step> steps = new LinkedHashMap<>();
        for (TaskDef task : definition.tasks()) {
            Map<StepDefaults, StepSettings> settings = new EnumMap<>(StepDefaults.class);
            for (StepDefaults defaults : StepDefaults.values()) {
                settings.put(defaults, definition.settings().forTask(task, defaults));
            }
            steps.put(task.name(), new Plan.Step(task, types.get(task.name()),
                    Set.copyOf(dependencies.get(task.name())), Set.copyOf(successors.getOrDefault(task.name(), Set.of())),
                    secretsOf(task), settings));
        }
        return new Plan(definition, steps, Set.copyOf(outputDependencies));
    }
}
