package io.dataflow.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

/** Workflow documents the tests share. */
public final class TestWorkflows {

    private TestWorkflows() {
    }

    /** Seed 000's "Dummy Workflow" (StaticTextInput → TextOperation.Reverse → Echo) under a name of its own. */
    public static String dummy() {
        return """
                {
                  "name": "Dummy Workflow %s",
                  "steps": [
                    { "type": "StaticTextInput", "input": "Hello, world!" },
                    { "type": "TextOperation.Reverse" },
                    { "type": "Echo" }
                  ]
                }""".formatted(UUID.randomUUID());
    }

    /** The nodes of graphs with no task node: none at all, and only a trigger. */
    public static final List<String> NO_TASK_NODES = List.of("[]",
            "[{\"id\": \"t\", \"nodeId\": \"trigger.manual\", \"config\": {}}]");

    /** Creates a graph workflow of these nodes through {@code /api/v1}, under a name of its own; returns its id. */
    public static String graph(Api api, String nodes) {
        Api.Response created = api.post("/api/v1/workflows", "{\"name\": \"graph " + UUID.randomUUID()
                + "\", \"nodes\": " + nodes + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("workflowId").asString();
    }
}
