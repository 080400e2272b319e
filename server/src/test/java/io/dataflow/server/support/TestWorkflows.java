package io.dataflow.server.support;

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
}
