package io.dataflow.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.TaskTypeRegistry;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The installed task types, a reader and a compiler over them, and graph bodies written with single quotes. */
final class GraphJson {

    static final TaskTypeRegistry REGISTRY = TaskTypeRegistry.loadInstalled();
    static final GraphDocumentReader READER = new GraphDocumentReader(REGISTRY);
    static final DefinitionCompiler COMPILER = new DefinitionCompiler(REGISTRY);

    private GraphJson() {
    }

    /** JSON written with single quotes for double ones, to keep bodies readable in Java text blocks. */
    static JsonNode json(String singleQuoted) {
        return Json.parse(singleQuoted.replace('\'', '"'));
    }

    static GraphDocument read(String body) {
        return READER.read(json(body));
    }

    /** The plan of the body's definition, which must be valid. */
    static Plan compile(String body) {
        return COMPILER.compile(read(body).definition());
    }

    /** The problems the reader finds in the body, which it must refuse. */
    static List<Problem> readProblems(String body) {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> read(body));
        assertThat(e).as("the reader should refuse the body").isNotNull();
        return e.problems();
    }

    /** The problems the compiler finds in the body's definition, which the reader must accept. */
    static List<Problem> compileProblems(String body) {
        GraphDocument document = read(body);
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> COMPILER.compile(document.definition()));
        assertThat(e).as("the compiler should refuse the definition").isNotNull();
        return e.problems();
    }

    /** The detail of the one problem at {@code pointer}. */
    static String detail(List<Problem> problems, String pointer) {
        List<String> details = problems.stream().filter(p -> p.pointer().equals(pointer)).map(Problem::detail)
                .toList();
        assertThat(details).as("problems at %s among %s", pointer, problems).hasSize(1);
        return details.getFirst();
    }
}
