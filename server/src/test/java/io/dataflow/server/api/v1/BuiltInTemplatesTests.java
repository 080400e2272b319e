package io.dataflow.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.Engine;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import org.junit.jupiter.api.Test;

/** Loading the built-in templates: the shipped ones all load; a broken one stops the server naming its file. */
class BuiltInTemplatesTests {

    private static Engine engine() {
        return TestServer.shared(TestDatabase.H2).engine();
    }

    @Test
    void theShippedTemplatesLoadInIdOrder() throws Exception {
        BuiltInTemplates templates = new BuiltInTemplates(engine());

        assertThat(templates.all()).extracting(WorkflowTemplate::id)
                .containsExactlyElementsOf(TemplatesV1ApiTests.BUILT_IN_IDS);
        assertThat(templates.all()).allSatisfy(t -> {
            assertThat(t.builtIn()).isTrue();
            assertThat(t.description()).isNotBlank();
            assertThat(t.nodes().get(0).get("nodeId").asString()).isEqualTo("trigger.manual");
        });
    }

    @Test
    void aTemplateThatWouldNotCreateAWorkflowIsRefusedNamingItsFileAndProblem() {
        assertThatThrownBy(() -> new BuiltInTemplates(engine(), "classpath*:broken-templates/unknown-type/*.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a.json is broken").hasMessageContaining("/nodes/1/nodeId")
                .hasMessageContaining("TextOperation.Shout");
        assertThatThrownBy(() -> new BuiltInTemplates(engine(), "classpath*:broken-templates/bad-connection/*.json"))
                .hasMessageContaining("a.json is broken").hasMessageContaining("/connections/0/targetPort");
    }

    @Test
    void idsMustBeTemplateIdsAndUnique() {
        assertThatThrownBy(() -> new BuiltInTemplates(engine(), "classpath*:broken-templates/bad-id/*.json"))
                .hasMessageContaining("its id must match");
        assertThatThrownBy(() -> new BuiltInTemplates(engine(), "classpath*:broken-templates/duplicate/*.json"))
                .hasMessageContaining("tpl_same is another template's too");
        assertThatThrownBy(() -> new BuiltInTemplates(engine(), "classpath*:broken-templates/none/*.json"))
                .hasMessageContaining("no built-in workflow templates found");
    }
}
