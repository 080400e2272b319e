package io.dataflow.engine.testing;

import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.node.ObjectNode;

/** {@code Test.Permanent}: every attempt fails with a failure that says a retry cannot help. */
final class Permanent extends TestTaskType {

    static final String MESSAGE = "permanently broken";

    Permanent(Invocations invocations) {
        super("Test.Permanent", "Always fails; retrying does not help.", invocations);
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws TaskFailure {
        throw TaskFailure.permanent(MESSAGE);
    }
}
