package io.dataflow.engine.spi;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.Problem;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kind of task a workflow can use, such as {@code TextOperation.Reverse}.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every task run of its type, on
 * many worker threads at once. They are found by {@link TaskTypeRegistry} through {@link java.util.ServiceLoader},
 * so a plugin jar can add types by listing them in {@code META-INF/services/io.dataflow.engine.spi.TaskType}.
 *
 * <p>The first input port is the <em>primary</em> input and the first output port the primary output: a linear
 * chain of steps connects each step's primary output to the next step's primary input.
 */
public interface TaskType {

    /** The name workflows use, unique in the registry. */
    String name();

    /** One sentence for the catalog. */
    String description();

    /** Declared input ports, primary first. Inputs not declared here are rejected when a workflow is created. */
    List<Port> inputs();

    /** Declared output ports, primary first. Templates may only reference these. */
    List<Port> outputs();

    /**
     * Runs one attempt of a task.
     *
     * @param context the execution the task belongs to, and a way to see cancellation
     * @param input the resolved input: every declared input port that has a value, defaults applied and types checked
     * @return the output object, with a value for each declared output port
     * @throws TaskFailure for an expected failure, saying whether a retry can help
     * @throws Exception anything else is treated as a retryable failure with the exception's message
     */
    ObjectNode execute(TaskContext context, ObjectNode input) throws Exception;

    /**
     * Whether an attempt only computes its output from its input: it calls nothing outside the process, changes
     * nothing, finishes quickly and may run again with the same result. The engine then runs such a task in memory
     * right after the task it depends on, on the same worker, and records both in one transaction; a crash before
     * that transaction just runs them again. Anything with an effect (a call out, a write) must answer false, the
     * default, so that it starts only once what it depends on is recorded and never after its execution was
     * cancelled.
     *
     * <p>A pure task's attempts run on virtual threads, which cost far less to hand work to than the platform
     * threads other task types get. So it must bound its own time whatever its input (the built-in ones are linear,
     * capped in size, or stop at a deadline) and, when it may compute for more than a millisecond or so, call a
     * {@link CarrierYield} from its loop: a virtual thread that computes holds one of the few carrier threads that
     * every request of the server shares.
     */
    default boolean pure() {
        return false;
    }

    /**
     * Problems with the input values a workflow gives literally, found when the workflow is created rather than
     * when the task runs: a value outside a fixed set, an expression that does not parse. A workflow the check
     * passes is stored; one it refuses is answered with these problems, each at its field, and nothing is stored.
     *
     * <p>Only what is known before running is given: a port whose value holds no template, already of the port's
     * type. A port given by a template, given null or not given is absent, so a check that needs two ports must
     * skip when one is absent, or read its default. An implementation runs the same check {@link #execute} runs on
     * that value, so a value is never refused here and accepted there or the other way round. It must be quick and
     * call nothing outside the process; it is stateless like the rest of the type.
     *
     * @param literal the literal input values, by port name
     * @return each problem with the JSON pointer of its value under the input object, such as {@code /expression},
     *     and a sentence that names the port; empty when there is none, as by default
     */
    default List<Problem> checkLiteralInputs(ObjectNode literal) {
        return List.of();
    }

    /** An example of the task's input, for the catalog. */
    default JsonNode exampleInput() {
        return null;
    }
}
