package io.dataflow.engine.definition;

import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.FileStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The second check of an execution's inputs, after {@link InputValidator}: each input declared {@code file} must
 * name a file of the caller's organization, given as a file id or a file reference object. Each is replaced by the
 * stored file's reference, so tasks see one shape whichever was given, and never a name or size the caller made up.
 */
public final class FileInputs {

    private final FileStore files;

    public FileInputs(FileStore files) {
        this.files = files;
    }

    /**
     * Checks the file inputs of {@code validated}; other inputs pass as they are.
     *
     * @return the inputs with file references filled in, or a problem for each input that names no file of the
     *     organization, with a pointer relative to the inputs object
     */
    public ValidatedInputs resolve(String organizationId, List<InputDecl> declared, ValidatedInputs validated) {
        if (!(validated instanceof ValidatedInputs.Valid(ObjectNode inputs))) {
            return validated;
        }
        List<Problem> problems = new ArrayList<>();
        for (InputDecl input : declared) {
            JsonNode value = inputs.get(input.name());
            if (input.type() != PortType.FILE || value == null) {
                continue;
            }
            Optional<ObjectNode> reference = files.find(organizationId, value);
            if (reference.isPresent()) {
                inputs.set(input.name(), reference.get());
            } else {
                problems.add(new Problem(JsonPointer.empty().appendProperty(input.name()).toString(),
                        "must be a file of this organization (a file id or a file reference); "
                                + FileStore.idOf(value).map(id -> "there is no file '" + id + "'")
                                        .orElse("no file_id given")));
            }
        }
        return problems.isEmpty() ? validated : new ValidatedInputs.Invalid(problems);
    }
}
