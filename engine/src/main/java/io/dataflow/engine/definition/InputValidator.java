package io.dataflow.engine.definition;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the inputs an execution is started with against the workflow's declared inputs, through a JSON Schema
 * (draft 2020-12) generated from the declarations, and fills in defaults.
 *
 * <p>Every problem is reported, not just the first, each with a pointer relative to the inputs object and a
 * message in the platform's words ("must be text, got number", "is required", "is not a declared input").
 *
 * <p>Compiled schemas are cached by declaration list, since one workflow version starts many executions. The
 * cache is bounded and synchronized, and compiled schemas are immutable once their validators are initialized,
 * so one instance serves all threads.
 */
public final class InputValidator {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<Declarations, Schema> schemas;

    /** What a schema is generated from: the declarations, and whether undeclared inputs are let through. */
    private record Declarations(List<InputDecl> inputs, boolean open) {
    }

    /** A validator caching the schemas of up to 1024 declaration lists. */
    public InputValidator() {
        this(1024);
    }

    public InputValidator(int cacheSize) {
        this.schemas = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Declarations, Schema> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /**
     * The JSON Schema of an inputs object for these declarations: one property per input (with its description and
     * default), required inputs that have no default, and nothing undeclared. Suitable for publishing.
     */
    public static ObjectNode schemaFor(List<InputDecl> inputs) {
        return schemaFor(inputs, false);
    }

    /**
     * {@link #schemaFor(List)}, or, when {@code open}, the same schema allowing undeclared properties of any type
     * besides the declared ones (a definition with {@link io.dataflow.engine.model.Definition#openInputs}).
     */
    public static ObjectNode schemaFor(List<InputDecl> inputs, boolean open) {
        ObjectNode schema = Json.object();
        schema.put("$schema", DIALECT);
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (InputDecl input : inputs) {
            ObjectNode property = properties.putObject(input.name());
            typeOf(input.type(), property);
            if (input.description() != null && !input.description().isBlank()) {
                property.put("description", input.description());
            }
            if (hasDefault(input)) {
                property.set("default", input.defaultValue().deepCopy());
            } else if (input.required()) {
                required.add(input.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", open);
        return schema;
    }

    /**
     * Checks {@code given} against {@code inputs}. A null or missing {@code given} counts as no inputs ({@code {}}).
     *
     * @return the inputs with defaults applied, or every problem found
     */
    public ValidatedInputs validate(List<InputDecl> inputs, JsonNode given) {
        return validate(inputs, false, given);
    }

    /**
     * Checks {@code given} against {@code inputs}, letting undeclared inputs through as they are when {@code open}.
     *
     * @return the inputs with defaults applied, or every problem found
     */
    public ValidatedInputs validate(List<InputDecl> inputs, boolean open, JsonNode given) {
        if (given == null || given.isMissingNode()) {
            given = Json.object();
        }
        if (!given.isObject()) {
            return new ValidatedInputs.Invalid(List.of(new Problem("", "must be an object, got " + PortType.describe(given))));
        }
        List<Problem> problems = schema(new Declarations(List.copyOf(inputs), open)).validate(given).stream()
                .map(error -> problem(error, inputs))
                .sorted(Comparator.comparing(Problem::pointer))
                .toList();
        if (!problems.isEmpty()) {
            return new ValidatedInputs.Invalid(problems);
        }
        ObjectNode values = (ObjectNode) given.deepCopy();
        for (InputDecl input : inputs) {
            if (hasDefault(input) && !values.has(input.name())) {
                values.set(input.name(), input.defaultValue().deepCopy());
            }
        }
        return new ValidatedInputs.Valid(values);
    }

    private Schema schema(Declarations key) {
        Schema schema = schemas.get(key);
        if (schema == null) {
            // Built outside the lock: two threads may both build one, which is harmless, and nobody waits.
            schema = REGISTRY.getSchema(schemaFor(key.inputs(), key.open()));
            // Validators are otherwise created lazily on first use, which would race between threads.
            schema.initializeValidators();
            schemas.put(key, schema);
        }
        return schema;
    }

    private static void typeOf(PortType type, ObjectNode property) {
        PortType declared = type == null ? PortType.ANY : type;
        switch (declared) {
            case TEXT -> property.put("type", "string");
            case FILE -> property.putArray("type").add("string").add("object");
            case ANY -> { }
            default -> property.put("type", declared.wireName());
        }
    }

    private static boolean hasDefault(InputDecl input) {
        return input.defaultValue() != null && !input.defaultValue().isMissingNode();
    }

    /** The validator's error in the platform's words, at the pointer of the input concerned. */
    private static Problem problem(Error error, List<InputDecl> inputs) {
        String at = pointer(error.getInstanceLocation());
        return switch (error.getKeyword()) {
            case "required" -> new Problem(member(at, error.getProperty()), "is required");
            case "additionalProperties" -> new Problem(member(at, error.getProperty()),
                    "is not a declared input; " + declared(inputs));
            case "type" -> new Problem(at, "must be " + expected(at, inputs) + ", got "
                    + PortType.describe(error.getInstanceNode()));
            default -> new Problem(at, error.getMessage());
        };
    }

    private static String expected(String pointer, List<InputDecl> inputs) {
        String name = JsonPointer.compile(pointer).getMatchingProperty();
        PortType type = inputs.stream().filter(i -> i.name().equals(name)).map(InputDecl::type).findFirst().orElse(null);
        if (type == PortType.FILE) {
            return "a file (text or an object)";
        }
        return type == null ? "an object" : type.wireName();
    }

    private static String declared(List<InputDecl> inputs) {
        if (inputs.isEmpty()) {
            return "this workflow declares no inputs";
        }
        return "declared inputs: " + inputs.stream().map(InputDecl::name).collect(Collectors.joining(", "));
    }

    private static String member(String objectPointer, String property) {
        return JsonPointer.compile(objectPointer).appendProperty(property).toString();
    }

    /** The RFC 6901 pointer of a validator location, escaped by us rather than trusting its path style setting. */
    private static String pointer(NodePath path) {
        JsonPointer pointer = JsonPointer.empty();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty(String.valueOf(element));
        }
        return pointer.toString();
    }
}
