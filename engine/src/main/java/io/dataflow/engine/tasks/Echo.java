package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;

/**
 * {@code Echo}: outputs its input unchanged, whatever its type. Both ports are named {@code text} so that Echo
 * sits anywhere in a chain of text tasks; the type is {@code any} so it passes numbers and objects too.
 */
public final class Echo extends PassThrough {

    public Echo() {
        super("Echo", "Passes its input on unchanged, whatever its type.",
                Port.required("text", PortType.ANY, "The value to pass on"),
                Port.output("text", PortType.ANY, "The same value"));
    }
}
