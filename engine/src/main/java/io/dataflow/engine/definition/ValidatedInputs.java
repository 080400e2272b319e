package io.dataflow.engine.definition;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Problem;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The outcome of checking an execution's inputs against a workflow's declared inputs. */
public sealed interface ValidatedInputs permits ValidatedInputs.Valid, ValidatedInputs.Invalid {

    /** Every problem found, each with a JSON pointer relative to the inputs object; empty when valid. */
    List<Problem> problems();

    default boolean isValid() {
        return problems().isEmpty();
    }

    /**
     * The inputs to start the execution with.
     *
     * @throws InvalidDefinitionException with every problem, when the inputs are invalid
     */
    ObjectNode orElseThrow();

    /** The inputs are acceptable; {@code inputs} is a copy of what was given, with defaults filled in. */
    record Valid(ObjectNode inputs) implements ValidatedInputs {

        @Override
        public List<Problem> problems() {
            return List.of();
        }

        @Override
        public ObjectNode orElseThrow() {
            return inputs;
        }
    }

    /** The inputs are not acceptable, for at least one reason. */
    record Invalid(List<Problem> problems) implements ValidatedInputs {

        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("invalid inputs need at least one problem");
            }
            problems = List.copyOf(problems);
        }

        @Override
        public ObjectNode orElseThrow() {
            throw new InvalidDefinitionException(problems);
        }
    }
}
