package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;

/**
 * {@code StaticTextInput}: outputs the text it is configured with, typically the first step of a chain
 * ({@code { "type": "StaticTextInput", "input": "Hello, world!" }}).
 */
public final class StaticTextInput extends PassThrough {

    public StaticTextInput() {
        super("StaticTextInput", "Outputs a fixed text, to feed the tasks after it.",
                Port.required("text", PortType.TEXT, "The text to output"),
                Port.output("text", PortType.TEXT, "The same text"));
    }
}
