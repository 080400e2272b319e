package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.PortType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow's declared inputs as documents write them, {@code [{name, type, description, required, default}]}:
 * seed 001's {@code inputs}, and the inputs a seed 002 trigger node declares in its {@code config}. An input with no
 * {@code type} is {@code any}; one with no {@code required} is required unless it has a default.
 */
public final class InputDeclarations {

    private static final Set<String> FIELDS = Set.of("name", "type", "description", "required", "default");

    private InputDeclarations() {
    }

    /**
     * The declarations in {@code parent}'s optional {@code inputs} array, each with its pointer as its origin; a
     * problem for each field that is wrong. Names are checked by the engine's compiler.
     *
     * @param pointer where {@code parent} is in the document
     */
    public static List<InputDecl> read(ObjectNode parent, String pointer, JsonFields fields) {
        List<InputDecl> inputs = new ArrayList<>();
        List<JsonNode> nodes = fields.array(parent, "inputs", pointer, false);
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            String at = Pointers.append(pointer + "/inputs", i);
            ObjectNode input = fields.object(nodes.get(i), at, true);
            if (input == null) {
                continue;
            }
            fields.rejectUnknown(input, at, FIELDS);
            String name = fields.text(input, "name", at, true);
            PortType type = fields.portType(input, at, PortType.ANY);
            Boolean required = fields.bool(input, "required", at);
            JsonNode defaultValue = input.get("default");
            boolean hasDefault = defaultValue != null && !defaultValue.isNull();
            inputs.add(new InputDecl(name, type, fields.text(input, "description", at, false),
                    required != null ? required : !hasDefault, hasDefault ? defaultValue : null, at));
        }
        return inputs;
    }

    /** The declarations in the shape {@link #read} reads, which reads them back equal but for their origins. */
    public static ArrayNode write(List<InputDecl> inputs) {
        ArrayNode written = Json.MAPPER.createArrayNode();
        for (InputDecl input : inputs) {
            ObjectNode declaration = written.addObject().put("name", input.name()).put("type", input.type().wireName());
            if (input.description() != null) {
                declaration.put("description", input.description());
            }
            declaration.put("required", input.required());
            if (input.defaultValue() != null) {
                declaration.set("default", input.defaultValue().deepCopy());
            }
        }
        return written;
    }
}
