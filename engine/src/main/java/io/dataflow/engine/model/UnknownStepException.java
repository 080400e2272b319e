package io.dataflow.engine.model;

import java.util.List;

/** A request names a step that the execution's version does not have. */
public class UnknownStepException extends RuntimeException {

    private final String step;
    private final List<String> steps;

    /**
     * @param step the step asked for
     * @param steps the steps the version has, in definition order
     */
    public UnknownStepException(String step, List<String> steps) {
        super("the execution's version has no step '" + step + "'; its steps are " + String.join(", ", steps));
        this.step = step;
        this.steps = List.copyOf(steps);
    }

    public String step() {
        return step;
    }

    public List<String> steps() {
        return steps;
    }
}
