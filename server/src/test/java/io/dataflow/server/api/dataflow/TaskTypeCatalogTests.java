package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /task-types}: the catalog comes from the task SPI, lists every type the engine runs with its ports
 * and example, and the API reference documents every one of them.
 */
class TaskTypeCatalogTests {

    private final Api api = TestServer.shared(TestDatabase.H2).api();

    private List<JsonNode> catalog() {
        Api.Response response = api.get("/task-types");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<JsonNode> types = new ArrayList<>();
        response.body().get("task_types").forEach(types::add);
        return types;
    }

    @Test
    void listsEveryTaskTypeTheEngineRunsSortedByName() {
        List<String> names = catalog().stream().map(t -> t.get("name").asString()).toList();

        assertThat(names).containsExactlyElementsOf(
                TestServer.shared(TestDatabase.H2).engine().taskTypes().names());
        assertThat(names).contains("Echo", "StaticTextInput", "TextOperation.Reverse").isSorted();
        assertThat(catalog()).allSatisfy(type -> {
            assertThat(type.get("description").asString()).as(type.get("name").asString()).isNotBlank();
            assertThat(type.get("outputs").isEmpty()).as(type.get("name").asString() + " outputs").isFalse();
        });
    }

    @Test
    void describesEachPortWithItsTypeRequirementAndDefault() {
        JsonNode replace = api.get("/task-types/TextOperation.Replace").body();

        assertThat(replace.get("name").asString()).isEqualTo("TextOperation.Replace");
        List<JsonNode> inputs = new ArrayList<>();
        replace.get("inputs").forEach(inputs::add);
        assertThat(inputs).extracting(p -> p.get("name").asString(), p -> p.get("type").asString(),
                p -> p.get("required").asBoolean(), p -> p.get("default_value").toString()).containsExactly(
                        tuple("text", "text", true, "null"), tuple("search", "text", true, "null"),
                        tuple("replacement", "text", false, "\"\""), tuple("regex", "boolean", false, "false"));
        assertThat(replace.get("outputs").get(0).get("name").asString()).isEqualTo("text");
        assertThat(replace.get("example_input").get("search").asString()).isEqualTo("world");

        JsonNode length = api.get("/task-types/TextOperation.Length").body();
        assertThat(length.get("outputs").get(0).get("type").asString()).isEqualTo("integer");
    }

    @Test
    void anUnknownTaskTypeIs404() {
        JsonNode problem = assertProblem(api.get("/task-types/No.Such.Type"), 404);

        assertThat(problem.get("detail").asString()).contains("No.Such.Type");
    }

    /** The reference's task type table has a row for every type of the catalog, and no row for a type it lacks. */
    @Test
    void theApiReferenceDocumentsEveryTaskType() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "api.md"));
        String section = reference.substring(reference.indexOf("\n## Task types"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z0-9_.]+)` \\|").matcher(section);
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }

        // Test.* types are the test suite's own (see server/src/test/resources/META-INF/services).
        assertThat(documented).containsExactlyInAnyOrderElementsOf(catalog().stream()
                .map(t -> t.get("name").asString()).filter(name -> !name.startsWith("Test.")).toList());
    }
}
